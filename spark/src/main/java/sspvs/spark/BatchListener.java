package sspvs.spark;

/** What a batch reports while it runs, for a front end to show (the CLI draws a bar). Calls come from one thread. */
public interface BatchListener {
    BatchListener NONE = new BatchListener() {};

    /** The job starts on {@code total} videos. */
    default void started(int total) {}

    /**
     * Videos finished so far (summarised, reused or failed), the hours of video of those that are ok, the failures.
     * Called a few times a second while the job runs, and once at its end.
     */
    default void progress(long done, int total, double videoHours, long failed) {}

    /** A line of information (e.g. "Writing the tables..."). */
    default void message(String text) {}

    /** Something the user should know that does not stop the batch. */
    default void warning(String text) {}
}
