package sspvs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.UserException;
import sspvs.io.AtomicFiles;

/**
 * {@code <EXP>/seeds.csv}: one row per seed of a config run under several seeds ({@code sspvs run --seeds}), the
 * numbers its {@code records.csv} row averages: {@code seed,f_score,kendalltau,spearmanr} (the seed's mean over
 * splits of the chosen epochs' test metrics, unrounded), then {@code splits} (how many) and {@code folder} (the
 * seed's results folder, relative to the experiment folder). Written atomically; NaN is an empty cell.
 */
public final class SeedsCsv {
    public static final String HEADER = "seed,f_score,kendalltau,spearmanr,splits,folder";

    /** One seed's result. */
    public record Row(long seed, double fScore, double kendall, double spearman, int splits, String folder) {
        /** The mean over splits of the chosen epochs' test metrics. */
        public static Row of(long seed, List<EpochMetrics> chosenPerSplit, String folder) {
            double f = 0, k = 0, s = 0;
            for (EpochMetrics m : chosenPerSplit) {
                f += m.fScore();
                k += m.kendall();
                s += m.spearman();
            }
            int n = chosenPerSplit.size();
            return new Row(seed, f / n, k / n, s / n, n, folder);
        }
    }

    private SeedsCsv() {}

    public static void write(Path csv, List<Row> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            out.append(r.seed()).append(',').append(RecordsCsv.number(r.fScore())).append(',')
                    .append(RecordsCsv.number(r.kendall())).append(',').append(RecordsCsv.number(r.spearman()))
                    .append(',').append(r.splits()).append(',').append(r.folder()).append('\n');
        }
        AtomicFiles.writeString(csv, out.toString());
    }

    public static List<Row> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(csv + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("seed,f_score,kendalltau,spearmanr")) {
            throw new UserException(csv + ": not a seeds.csv (the header must start seed,f_score,kendalltau,spearmanr)");
        }
        List<String> header = RecordsCsv.split(lines.get(0));
        int splits = header.indexOf("splits");
        int folder = header.indexOf("folder");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> c = RecordsCsv.split(lines.get(i));
            try {
                rows.add(new Row(Long.parseLong(c.get(0)), number(c.get(1)), number(c.get(2)), number(c.get(3)),
                        splits < 0 ? 0 : Integer.parseInt(c.get(splits)), folder < 0 ? "" : c.get(folder)));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                // what a malformed line causes; any other exception is a bug and propagates as one
                throw new UserException(csv + ": line " + (i + 1) + " is malformed: " + lines.get(i), e);
            }
        }
        return rows;
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
}
