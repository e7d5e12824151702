package sspvs;

/**
 * A failure caused by what the user gave us (a missing or malformed file, a bad option), as opposed to a bug.
 *
 * <p>The CLI prints only the message (no stack trace) and exits with {@link #EXIT_CODE}. Messages name the
 * file, and where it applies the video and field, and say what was expected.
 *
 * <p>Library code serves three front ends (CLI, Spark batch, web server), so its messages say what is wrong in the
 * library's own terms and never name a command-line option. Where the way out is something only a front end can
 * name (an option to add, another folder to give), the exception carries a {@link Remedy}, which the front end
 * renders in its own words (the CLI: the option to use) after the message.
 */
public class UserException extends RuntimeException {
    public static final int EXIT_CODE = 2;

    /** A way out that a front end names in its own terms, after the message. */
    public enum Remedy {
        /** Nothing beyond the message. */
        NONE,
        /** Start an interrupted run over (its saved state does not match). */
        RESTART,
        /** Keep the earlier pre-training run by writing this one elsewhere, or start over. */
        OTHER_OUTPUT_OR_RESTART,
        /** Keep the earlier run by giving this one another name or results folder, or start over. */
        OTHER_NAME_OR_RESTART,
        /** The checkpoint states its own architecture: the run config given beside it is not needed. */
        DROP_CONFIG,
        /** Give the run config the checkpoint was trained with. */
        GIVE_CONFIG,
        /** Fine-tune the self-supervised checkpoint first, or load its untrained heads with a run config. */
        FINE_TUNE_FIRST,
        /** Choose the epoch on the test metrics (the reference protocol). */
        SELECT_ON_TEST,
        /** Say the F metric (avg or max). */
        METRIC,
        /** Give the folder holding the data files, or build them. */
        DATA_FOLDER,
        /** Build the data files from the raw annotations. */
        BUILD_DATA,
        /** Give the pretrained checkpoint, or train from scratch. */
        PRETRAINED,
        /** Make the per-video text token files. */
        TEXT_TOKENS,
        /** Pre-train on generated stand-in data instead. */
        SYNTHETIC_DATA
    }

    private final Remedy remedy;

    public UserException(String message) {
        this(message, null, Remedy.NONE);
    }

    public UserException(String message, Throwable cause) {
        this(message, cause, Remedy.NONE);
    }

    public UserException(String message, Remedy remedy) {
        this(message, null, remedy);
    }

    public UserException(String message, Throwable cause, Remedy remedy) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
        this.remedy = remedy;
    }

    /** The way out a front end adds after the message; {@link Remedy#NONE} when the message says it all. */
    public Remedy remedy() {
        return remedy;
    }
}
