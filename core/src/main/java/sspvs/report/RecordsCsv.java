package sspvs.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sspvs.UserException;
import sspvs.io.AtomicFiles;

/**
 * {@code records.csv} in the reference's shape: one row per config, {@code exp,f_score,kendalltau,spearmanr},
 * each the mean over splits of the chosen epoch's test metrics, rounded to 3 decimals the way {@code np.around}
 * does ({@code rint(x × 1000) / 1000}: half to even on the binary value). We add one column at the end,
 * {@code selection} ({@code test} = the reference protocol, {@code validation} = honest), then the spread over seeds:
 * {@code f_score_sd,kendalltau_sd,spearmanr_sd} (sample standard deviation over seeds, n − 1; empty for one seed) and
 * {@code seeds} (the seeds averaged, {@code ;}-separated). Tools reading the reference's columns by position still
 * work. With several seeds the metric columns are the mean over seeds of each seed's mean over splits
 * ({@link #ofSeeds}); the per-seed values are in {@code <EXP>/seeds.csv} ({@link SeedsCsv}).
 *
 * <p>Updating keeps the other configs' rows and sorts rows by {@code exp}, as the reference lists configs sorted.
 * Numbers are written like pandas writes floats (shortest form, {@code 0.6}, {@code 1.0}); NaN as an empty cell.
 */
public final class RecordsCsv {
    public static final String HEADER =
            "exp,f_score,kendalltau,spearmanr,selection,f_score_sd,kendalltau_sd,spearmanr_sd,seeds";

    /**
     * One config's line.
     *
     * @param fScoreSd standard deviation over seeds (NaN for one seed), likewise {@code kendallSd}, {@code spearmanSd}
     * @param seeds the seeds averaged, {@code ;}-separated ({@code ""} where unknown, e.g. a reference row)
     */
    public record Row(String exp, double fScore, double kendall, double spearman, String selection, double fScoreSd,
            double kendallSd, double spearmanSd, String seeds) {
        /** A one-seed row (or the reference's), without spread. */
        public Row(String exp, double fScore, double kendall, double spearman, String selection) {
            this(exp, fScore, kendall, spearman, selection, Double.NaN, Double.NaN, Double.NaN, "");
        }
    }

    private RecordsCsv() {}

    /** The row for a config from the metrics chosen in each split: mean over splits, then rounded. */
    public static Row row(String exp, List<EpochMetrics> chosenPerSplit, EpochSelection.Selection selection) {
        if (chosenPerSplit.isEmpty()) {
            throw new IllegalArgumentException("no splits for " + exp);
        }
        double f = 0, k = 0, s = 0;
        for (EpochMetrics m : chosenPerSplit) {
            f += m.fScore();
            k += m.kendall();
            s += m.spearman();
        }
        int n = chosenPerSplit.size();
        return new Row(exp, around3(f / n), around3(k / n), around3(s / n), selection.label());
    }

    /**
     * The row of a config run under several seeds: mean and sample standard deviation (n − 1) over the seeds' rows
     * ({@link SeedsCsv.Row}, each unrounded: a seed's mean over splits), each rounded like {@link #around3}. NaN
     * values (an undefined correlation) make their column NaN, as the mean over splits does.
     */
    public static Row ofSeeds(String exp, List<SeedsCsv.Row> seeds, EpochSelection.Selection selection) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds for " + exp);
        }
        double[] f = seeds.stream().mapToDouble(SeedsCsv.Row::fScore).toArray();
        double[] k = seeds.stream().mapToDouble(SeedsCsv.Row::kendall).toArray();
        double[] s = seeds.stream().mapToDouble(SeedsCsv.Row::spearman).toArray();
        String list = String.join(";", seeds.stream().map(r -> Long.toString(r.seed())).toList());
        return new Row(exp, around3(mean(f)), around3(mean(k)), around3(mean(s)), selection.label(),
                around3(sd(f)), around3(sd(k)), around3(sd(s)), list);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n − 1); NaN for fewer than two values. */
    static double sd(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double m = mean(values), squares = 0;
        for (double v : values) {
            squares += (v - m) * (v - m);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** {@code np.around(x, 3)}: scale, round half to even, scale back. */
    public static double around3(double x) {
        return Math.rint(x * 1000.0) / 1000.0;
    }

    /** Adds or replaces {@code row} in {@code csv} (created if absent), keeping other rows; writes atomically. */
    public static void update(Path csv, Row row) {
        Map<String, Row> rows = new TreeMap<>();
        if (Files.exists(csv)) {
            for (Row r : read(csv)) {
                rows.put(r.exp(), r);
            }
        }
        rows.put(row.exp(), row);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Row r : rows.values()) {
            out.append(quote(r.exp())).append(',').append(number(r.fScore())).append(',')
                    .append(number(r.kendall())).append(',').append(number(r.spearman())).append(',')
                    .append(quote(r.selection() == null ? "" : r.selection())).append(',')
                    .append(number(r.fScoreSd())).append(',').append(number(r.kendallSd())).append(',')
                    .append(number(r.spearmanSd())).append(',').append(quote(r.seeds() == null ? "" : r.seeds()))
                    .append('\n');
        }
        AtomicFiles.writeString(csv, out.toString());
    }

    /** Rows of a records.csv written by us or by the reference (which has no {@code selection} column). */
    public static List<Row> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(csv + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = split(lines.get(0));
        int exp = header.indexOf("exp");
        int f = header.indexOf("f_score");
        int k = header.indexOf("kendalltau");
        int s = header.indexOf("spearmanr");
        int sel = header.indexOf("selection");
        int fSd = header.indexOf("f_score_sd");
        int kSd = header.indexOf("kendalltau_sd");
        int sSd = header.indexOf("spearmanr_sd");
        int seeds = header.indexOf("seeds");
        if (exp < 0 || f < 0 || k < 0 || s < 0) {
            throw new UserException(csv + ": not a records.csv (header must name exp, f_score, kendalltau, spearmanr;"
                    + " found " + header + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            try {
                rows.add(new Row(cells.get(exp), parse(cells.get(f)), parse(cells.get(k)), parse(cells.get(s)),
                        optional(cells, sel), parse(optional(cells, fSd)), parse(optional(cells, kSd)),
                        parse(optional(cells, sSd)), optional(cells, seeds)));
            } catch (NumberFormatException | IndexOutOfBoundsException e) {
                // what a malformed line causes; any other exception is a bug and propagates as one
                throw new UserException(csv + ": line " + (i + 1) + " is malformed: " + lines.get(i), e);
            }
        }
        return rows;
    }

    /** A float as pandas writes it: shortest round-trip form ({@code 0.614}, {@code 1.0}), NaN as empty. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0.0" : "0.0";
        }
        // fewest significant digits that read back as the same double, as Python's repr chooses
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal shortest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (shortest.doubleValue() == v) {
                String plain = shortest.stripTrailingZeros().toPlainString();
                return plain.contains(".") ? plain : plain + ".0";
            }
        }
        return Double.toString(v);
    }

    private static String optional(List<String> cells, int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : "";
    }

    private static double parse(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }

    /** Splits one CSV line (RFC 4180 quotes). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
