/**
 * The application layer: "video file -> summary outputs", the one entry point every front end calls ({@code sspvs
 * summarize}, {@code batch} on Spark, {@code serve} on the web).
 *
 * <p>{@link sspvs.summarize.SummarizePipeline} takes a {@link sspvs.summarize.SummarizeRequest} and returns a
 * {@link sspvs.summarize.SummarizeResult}, reporting each {@link sspvs.summarize.Stage} to a {@link
 * sspvs.summarize.ProgressListener} (the CLI draws bars, the web a percentage); nothing here prints. Inside, {@link
 * sspvs.summarize.VideoSummarizer} runs decode + features, KTS shots, the model's scores and the evaluation's
 * summary chain into a {@link sspvs.summarize.VideoSummary}, and {@link sspvs.summarize.SummaryOutputs} writes the
 * files all or nothing.
 *
 * <p>May use every package below it: {@code sspvs.video.*}, {@code sspvs.shots}, {@code sspvs.model}, {@code
 * sspvs.eval}, {@code sspvs.data}, {@code sspvs.config}, {@code sspvs.io}, {@code sspvs.report} (provenance); never
 * {@code sspvs.cli}.
 */
package sspvs.summarize;
