package sspvs.server;

/** What the server reports as it works; the command renders it (library code never prints). */
public interface ServerListener {
    ServerListener NONE = new ServerListener() {};

    /** A job ended (done or failed). */
    default void jobEnded(JobStatus status) {}

    /** Something the operator should know that does not stop the server (a warning from the pipeline). */
    default void warning(String message) {}

    /** A failure that is not the user's: a bug or an I/O fault, with its trace for the log. */
    default void internalError(String context, Throwable error) {}
}
