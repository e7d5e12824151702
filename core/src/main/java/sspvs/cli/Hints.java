package sspvs.cli;

import sspvs.UserException;

/**
 * The CLI's words for the way out of a library error: the library says what is wrong, in its own terms, and
 * carries a {@link UserException.Remedy}; the CLI appends the sentence naming the options that fix it, so users see
 * the same advice the commands gave when the library named the options itself.
 */
final class Hints {
    /** How users make the per-video text token files. */
    static final String TEXT_TOKENS = "'sspvs dataset build ... --text TABLE --info-embed-out DIR' writes them "
            + "(TABLE: e.g. TVSum's ydata-tvsum50-info.tsv, or a video/category/query/title table)";
    /** The last way to the data files, after the library's list of downloads. */
    static final String BUILD_DATA = "  - or build tvsum.h5/summe.h5 from the raw annotations: sspvs dataset build "
            + "--dataset tvsum --out DIR/tvsum.h5";
    /** The options around the pretrained checkpoint. */
    static final String PRETRAINED = " (or give --pretrained FILE); or train from scratch with --pretrained none";

    private Hints() {}

    /** The full line for a user error: the message, then the remedy in the CLI's terms. */
    static String line(UserException e) {
        return e.getMessage() + after(e.remedy());
    }

    /** What follows the message for {@code remedy}; empty for {@link UserException.Remedy#NONE}. */
    static String after(UserException.Remedy remedy) {
        return switch (remedy) {
            case NONE -> "";
            case RESTART -> "; to start over, add --restart";
            case OTHER_OUTPUT_OR_RESTART -> "; to keep it, give this one another --out; to start over, add --restart";
            case OTHER_NAME_OR_RESTART -> "; to keep it, give this run another --name (or --results folder); to "
                    + "start over, add --restart (or delete the folder)";
            case DROP_CONFIG -> "; drop --config (the checkpoint states its own architecture) or fix it";
            case GIVE_CONFIG -> " (--config FILE.yaml)";
            case FINE_TUNE_FIRST -> ": train with 'sspvs run CONFIG.yaml' and use the checkpoint it writes, or pass "
                    + "--config to load the untrained heads anyway";
            case SELECT_ON_TEST -> " (use --selection test)";
            case METRIC -> "; give it with --metric avg|max";
            case DATA_FOLDER -> "\n" + BUILD_DATA + "\nGive the folder holding it with --data DIR.";
            case BUILD_DATA -> "\n" + BUILD_DATA;
            case PRETRAINED -> PRETRAINED;
            case TEXT_TOKENS -> "; " + TEXT_TOKENS;
            case SYNTHETIC_DATA -> "\nFor a small synthetic stand-in: sspvs pretrain ... --synthetic N (or "
                    + "sspvs.data.SyntheticVideoText).";
        };
    }
}
