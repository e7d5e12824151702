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
 * {@code selection} ({@code test} = the reference protocol, {@code validation} = honest), so tools reading the
 * reference's columns by position still work.
 *
 * <p>Updating keeps the other configs' rows and sorts rows by {@code exp}, as the reference lists configs sorted.
 * Numbers are written like pandas writes floats (shortest form, {@code 0.6}, {@code 1.0}); NaN as an empty cell.
 */
public final class RecordsCsv {
    public static final String HEADER = "exp,f_score,kendalltau,spearmanr,selection";

    /** One config's line. */
    public record Row(String exp, double fScore, double kendall, double spearman, String selection) {}

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
                    .append(quote(r.selection() == null ? "" : r.selection())).append('\n');
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
                        sel >= 0 && sel < cells.size() ? cells.get(sel) : ""));
            } catch (RuntimeException e) {
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
