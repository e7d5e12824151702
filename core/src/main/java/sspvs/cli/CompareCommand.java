package sspvs.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sspvs.report.Comparison;
import sspvs.report.RunResults;

/**
 * {@code sspvs compare RESULTS/A RESULTS/B}: two finished runs of the same split file, video by video (see
 * {@link Comparison}): the mean F, τ, ρ of each, the difference B − A with its 95% bootstrap interval and the
 * Wilcoxon signed-rank p-value, as a Markdown table (for papers), CSV or JSON (for scripts).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares two finished runs (RESULTS/<EXP> folders, any seeds) on the same test videos: "
                + "mean F, tau, rho of each, the difference B - A with a 95%% bootstrap interval (videos resampled "
                + "within their split) and the Wilcoxon signed-rank p-value."})
public final class CompareCommand implements Callable<Integer> {
    /** Output formats (picocli matches the names as written). */
    enum Format { markdown, csv, json }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "Results folder of the first run (e.g. results/TS_C).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Results folder of the second run.")
    Path b;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "markdown|csv|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
            description = "Seed of the bootstrap's resamples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", defaultValue = "10000", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Override
    public Integer call() {
        RunResults ra = RunResults.read(a);
        RunResults rb = RunResults.read(b);
        List<Comparison.Line> lines = Comparison.of(ra, rb, resamples, seed);
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case markdown -> markdown(out, ra, rb, lines);
            case csv -> csv(out, lines);
            case json -> json(out, ra, rb, lines);
        }
        out.flush();
        return 0;
    }

    private void markdown(PrintWriter out, RunResults ra, RunResults rb, List<Comparison.Line> lines) {
        out.printf(Locale.ROOT, "A = %s (%d seed%s), B = %s (%d seed%s); %d resamples, seed %d%n%n", a,
                ra.seeds().size(), ra.seeds().size() == 1 ? "" : "s", b, rb.seeds().size(),
                rb.seeds().size() == 1 ? "" : "s", resamples, seed);
        out.println("| metric | videos | A | B | B − A | 95% CI | Wilcoxon p |");
        out.println("|---|---:|---:|---:|---:|---|---:|");
        for (Comparison.Line l : lines) {
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | [%s, %s] | %s |%n", label(l.metric()), l.videos(),
                    num(l.meanA()), num(l.meanB()), signed(l.difference()), signed(l.interval().low()),
                    signed(l.interval().high()), p(l.p()));
        }
    }

    private static void csv(PrintWriter out, List<Comparison.Line> lines) {
        out.println("metric,videos,mean_a,mean_b,difference,ci_low,ci_high,wilcoxon_p");
        for (Comparison.Line l : lines) {
            out.println(String.join(",", l.metric(), Integer.toString(l.videos()), raw(l.meanA()), raw(l.meanB()),
                    raw(l.difference()), raw(l.interval().low()), raw(l.interval().high()), raw(l.p())));
        }
    }

    private void json(PrintWriter out, RunResults ra, RunResults rb, List<Comparison.Line> lines) {
        ObjectNode root = Json.object();
        root.put("a", a.toString());
        root.put("b", b.toString());
        root.put("seeds_a", ra.seeds().size());
        root.put("seeds_b", rb.seeds().size());
        root.put("resamples", resamples);
        root.put("seed", seed);
        root.put("level", 0.95);
        ArrayNode metrics = root.putArray("metrics");
        for (Comparison.Line l : lines) {
            ObjectNode m = metrics.addObject();
            m.put("metric", l.metric());
            m.put("videos", l.videos());
            Json.put(m, "mean_a", l.meanA());
            Json.put(m, "mean_b", l.meanB());
            Json.put(m, "difference", l.difference());
            Json.put(m, "ci_low", l.interval().low());
            Json.put(m, "ci_high", l.interval().high());
            Json.put(m, "wilcoxon_p", l.p());
        }
        out.println(root.toPrettyString());
    }

    private static String label(String metric) {
        return switch (metric) {
            case "f_score" -> "F";
            case "kendalltau" -> "Kendall τ";
            default -> "Spearman ρ";
        };
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String signed(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%+.4f", v);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "–" : v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String raw(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

}
