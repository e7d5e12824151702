package sspvs.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import sspvs.eval.EvaluationSummary;
import sspvs.io.AtomicFiles;

/**
 * {@code results/<EXP>/metrics.csv}: one row per split, epoch and evaluated set. The first three columns are the
 * reference's ({@code f_score,kendalltau,spearmanr}, which its {@code sortout_res.py} reads by position), then
 * precision, recall, epoch, {@code split}, {@code set} ({@code test} or {@code validation}) the epoch's mean
 * training loss and {@code peak_rss_mb}, the process's peak resident memory over that epoch (MiB; empty where
 * unknown), so growth across epochs, splits and seeds shows in the file. Rewritten whole (atomically) after every epoch; NaN is an empty cell.
 */
final class MetricsCsv {
    static final String HEADER = "f_score,kendalltau,spearmanr,precision,recall,epoch,split,set,train_loss,peak_rss_mb";

    private MetricsCsv() {}

    static void write(Path file, List<SplitProgress> splits) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (SplitProgress p : splits) {
            for (SplitProgress.Epoch e : p.epochs) {
                if (e.validation() != null) {
                    row(out, e.validation(), e, p.split, "validation");
                }
                row(out, e.test(), e, p.split, "test");
            }
        }
        AtomicFiles.writeString(file, out.toString());
    }

    private static void row(StringBuilder out, EvaluationSummary s, SplitProgress.Epoch e, int split, String set) {
        out.append(cell(s.fScore())).append(',').append(cell(s.kendall())).append(',').append(cell(s.spearman()))
                .append(',').append(cell(s.precision())).append(',').append(cell(s.recall())).append(',')
                .append(e.epoch()).append(',').append(split).append(',').append(set).append(',')
                .append(cell(e.loss())).append(',')
                .append(e.peakRssMb() == null ? "" : e.peakRssMb().toString()).append('\n');
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
