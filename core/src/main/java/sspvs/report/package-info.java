/**
 * Results written for people and for tools: {@code records.csv} in the reference's shape
 * ({@link sspvs.report.RecordsCsv}), the choice of the epoch a split reports ({@link sspvs.report.EpochSelection}:
 * the reference's selection on test metrics, or the honest selection on validation metrics), and the provenance
 * JSON that ties each number to its config, seed, software and data ({@link sspvs.report.Provenance}); for runs
 * under several seeds, {@code seeds.csv} ({@link sspvs.report.SeedsCsv}); read back from a results folder
 * ({@link sspvs.report.RunResults}), two runs compared video by video ({@link sspvs.report.Comparison}) and a run's
 * offline page ({@link sspvs.report.RunReport}). Every file is written atomically ({@link sspvs.io.AtomicFiles}).
 *
 * <p>May use {@code sspvs.config}, {@code sspvs.data}, {@code sspvs.eval}, {@code sspvs.io}, {@code sspvs.stats};
 * never the video
 * packages (training must not depend on FFmpeg), nor {@code sspvs.summarize} or {@code sspvs.cli}.
 */
package sspvs.report;
