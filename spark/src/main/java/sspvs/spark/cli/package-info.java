/**
 * The {@code batch} and {@code bench batch} commands (picocli, found by {@code sspvs.cli.Main} through
 * {@link sspvs.cli.FrontEndCommand}) and {@link sspvs.spark.cli.BatchMain} for spark-submit. They parse options,
 * start the Spark session, run {@link sspvs.spark.BatchJob} and draw its progress; may use everything below.
 */
package sspvs.spark.cli;
