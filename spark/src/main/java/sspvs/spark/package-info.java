/**
 * {@code sspvs batch}: every video of a library summarised on Apache Spark, through the one pipeline entry point
 * ({@link sspvs.summarize.SummarizePipeline}), into one folder per video plus Parquet tables and an index page.
 *
 * <p>The life of a run ({@link sspvs.spark.BatchJob}): list the inputs ({@link sspvs.spark.VideoInputs}) and name
 * their folders ({@link sspvs.spark.OutputNames}) on the driver; one Spark task per video summarises it on an
 * executor with the pipeline that JVM holds ({@link sspvs.spark.Pipelines}) and commits its folder, then a small
 * result record ({@link sspvs.spark.ResultStore}); the tables and the index page are rebuilt from the committed
 * records at the end ({@link sspvs.spark.BatchTables}, {@link sspvs.spark.IndexPage}). A record is the unit of
 * work done: a rerun, a Spark task retry or a run after kill -9 never adds a row twice.
 *
 * <p>May use Spark and, of the core, {@code sspvs} (UserException), {@code sspvs.io}, {@code sspvs.config} (the
 * pipeline's run config), {@code sspvs.summarize}, {@code sspvs.video.decode} (FFmpeg's log level on executors) and
 * {@code sspvs.video.features} (the feature model's download); never {@code sspvs.cli} nor {@code sspvs.spark.cli}
 * (checked by {@code SparkLayersTest}). Never prints (progress goes to a {@link sspvs.spark.BatchListener};
 * {@code sspvs.spark.cli} renders it).
 */
package sspvs.spark;
