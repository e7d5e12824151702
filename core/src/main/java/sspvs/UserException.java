package sspvs;

/**
 * A failure caused by what the user gave us (a missing or malformed file, a bad option), as opposed to a bug.
 *
 * <p>The CLI prints only the message (no stack trace) and exits with {@link #EXIT_CODE}. Messages name the
 * file, and where it applies the video and field, and say what was expected.
 */
public class UserException extends RuntimeException {
    public static final int EXIT_CODE = 2;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
