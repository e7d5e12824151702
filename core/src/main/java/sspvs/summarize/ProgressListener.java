package sspvs.summarize;

/**
 * What the pipeline reports while it works, so that each front end can show it its own way: the CLI as progress bars
 * and lines, the web server as a job's stage and percentage, the Spark job as a counter. Library code never prints.
 *
 * <p>Calls come from the thread that runs {@link SummarizePipeline#summarize}, in stage order; {@link #progress}
 * may be called often (once per decoded sample), so implementations should be cheap.
 */
public interface ProgressListener {
    /** Does nothing: for callers that want no progress. */
    ProgressListener NONE = new ProgressListener() {};

    /**
     * A stage begins.
     *
     * @param total its units of work (samples, frames, windows), or -1 when not known in advance
     */
    default void stageStarted(Stage stage, long total) {}

    /** {@code done} of the stage's {@code total} units are done ({@code total} -1 when unknown). */
    default void progress(Stage stage, long done, long total) {}

    /** The stage is over. */
    default void stageFinished(Stage stage, double seconds) {}

    /** Something the user should know that does not stop the work (a damaged frame count, a fallback taken). */
    default void warning(String message) {}
}
