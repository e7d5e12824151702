/**
 * Results written for people and for tools: {@code records.csv} in the reference's shape
 * ({@link sspvs.report.RecordsCsv}), the choice of the epoch a split reports ({@link sspvs.report.EpochSelection}:
 * the reference's selection on test metrics, or the honest selection on validation metrics), and the provenance
 * JSON that ties each number to its config, seed, software and data ({@link sspvs.report.Provenance}). The outputs of
 * {@code sspvs summarize} (summary video, shots table, JSON, features, self-contained HTML report) are written
 * all or nothing by {@link sspvs.report.SummaryOutputs}. Every file is written atomically ({@link sspvs.io.AtomicFiles}).
 */
package sspvs.report;
