package sspvs.summarize;

/**
 * What the pipeline reports while it works, so that each front end can show it its own way: the CLI as progress bars
 * and lines, the web server as a job's stage and percentage, the Spark job as a counter. Library code never prints.
 *
 * <p>Stages come in {@link Stage} order, each started once and finished once (a stage a request does not need,
 * e.g. decoding when features are reused, is still started and finished, quickly); {@code progress} within a stage
 * never goes backwards. Calls come one at a time, mostly from the thread that runs
 * {@link SummarizePipeline#summarize}, but {@link Stage#SUMMARY_VIDEO}'s progress from the writer's threads;
 * {@link #progress} may be called often (once per decoded frame), so implementations should be cheap.
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

    /** A line of information about the work, e.g. "Scoring 7200 steps in 3 windows...". */
    default void message(String text) {}

    /** Something the user should know that does not stop the work (a damaged frame count, a fallback taken). */
    default void warning(String message) {}
}
