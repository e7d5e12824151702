package sspvs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;
import sspvs.data.DataDirectory;
import sspvs.data.VideoRecord;
import sspvs.eval.Baselines;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.io.AtomicFiles;

/**
 * {@code <EXP>/report.html}: one self-contained page about a run, finished or not — inline SVG and CSS, nothing
 * fetched — written at the end of {@code sspvs run} and by {@code sspvs report}. It shows:
 * <ol>
 *   <li>the result: each finished seed's mean over splits, the mean ± sd over seeds, beside the human and random
 *       baselines on the same test videos ({@link Baselines}) and the paper's published numbers for the config
 *       ({@link PublishedResults});</li>
 *   <li>per split, the training loss and the validation (dashed) and test (solid) F, τ, ρ of every epoch so far,
 *       one line per seed, the chosen epoch marked;</li>
 *   <li>the provenance: config, seeds, software versions, data and split files with their SHA-256.</li>
 * </ol>
 */
public final class RunReport {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
        "#e377c2", "#17becf"};
    /** Random-score draws averaged for the baseline. */
    static final int RANDOM_DRAWS = 20;

    /** The baselines on the run's test videos, or why there are none. */
    record BaselineFigures(Baselines.Human human, Baselines.Random random, String note) {}

    private RunReport() {}

    /** Writes {@code dir/report.html} (atomically) and returns it. */
    public static Path write(Path experimentDir) {
        RunResults results = RunResults.read(experimentDir);
        Path page = experimentDir.resolve("report.html");
        AtomicFiles.writeString(page, html(results, baselines(results.provenance())));
        return page;
    }

    /** Human and random baselines on the test videos named in run.json, read from its data files. */
    static BaselineFigures baselines(JsonNode run) {
        if (run == null) {
            return new BaselineFigures(null, null, "computed once a seed has finished (run.json names the data "
                    + "files and test videos)");
        }
        List<Path> files = new ArrayList<>();
        run.path("data_files").fieldNames().forEachRemaining(f -> files.add(Path.of(f)));
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                return new BaselineFigures(null, null, "not computed: the data file " + f + " is not found from "
                        + "here (run 'sspvs report' from the folder the run started in)");
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode split : run.path("splits")) {
            split.path("test_keys").forEach(k -> keys.add(k.asText()));
        }
        if (files.isEmpty() || keys.isEmpty()) {
            return new BaselineFigures(null, null, "not computed: run.json names no data files or test keys");
        }
        Metric metric = Metric.valueOf(run.path("metric").asText("avg").toUpperCase(Locale.ROOT));
        try (DataDirectory data = files.size() == 1 ? DataDirectory.ofFile(files.get(0))
                : DataDirectory.forSplitFile(files.get(0).getParent(), Path.of(run.path("split_file").asText()))) {
            List<VideoRecord> videos = new ArrayList<>();
            for (String k : keys) {
                videos.add(data.read(k));
            }
            return new BaselineFigures(Baselines.human(videos, metric),
                    Baselines.random(videos, metric, 1, RANDOM_DRAWS, new Evaluator()), null);
        } catch (UserException e) {
            return new BaselineFigures(null, null, "not computed: " + e.getMessage());
        }
    }

    static String html(RunResults results, BaselineFigures baselines) {
        JsonNode run = results.provenance();
        String exp = run != null ? run.path("exp").asText() : results.dir().getFileName().toString();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.escape(exp)).append(" · sspvs run report</title><style>")
                .append(CSS).append("</style></head><body>\n");
        long finished = results.seeds().stream().filter(RunResults.Seed::finished).count();
        out.append("<h1>").append(Html.escape(exp)).append("</h1>\n<p class=\"status\">")
                .append(finished == results.seeds().size() ? "Finished" : "In progress or stopped")
                .append(": ").append(finished).append(" of ").append(results.seeds().size())
                .append(" seed run(s) finished in <code>").append(Html.escape(results.dir().toString()))
                .append("</code>.</p>\n");
        resultTable(out, results, baselines, run);
        out.append("<h2>Training, per split</h2>\n<p class=\"legend\">One colour per seed; solid: test videos, "
                + "dashed: validation videos (the epoch is chosen on ")
                .append(run == null ? "validation or test metrics, as the run says" : Html.escape(
                        run.path("selection").asText()) + " metrics, rule " + Html.escape(
                        run.path("selection_rule").asText()))
                .append("); the vertical line and dot mark the chosen epoch.</p>\n");
        legend(out, results);
        int splits = results.seeds().stream().mapToInt(RunResults.Seed::splits).max().orElse(0);
        for (int k = 0; k < splits; k++) {
            out.append("<section class=\"split\"><h3>Split ").append(k + 1).append("</h3><div class=\"plots\">");
            out.append(chart(results, k, "loss", "training loss"));
            out.append(chart(results, k, "f_score", "F-score"));
            out.append(chart(results, k, "kendalltau", "Kendall τ"));
            out.append(chart(results, k, "spearmanr", "Spearman ρ"));
            out.append("</div></section>\n");
        }
        provenance(out, results, run);
        out.append("<footer>Written by sspvs; a self-contained page (no scripts, nothing fetched).</footer>\n");
        return out.append("</body></html>\n").toString();
    }

    private static void resultTable(StringBuilder out, RunResults results, BaselineFigures b, JsonNode run) {
        out.append("<h2>Result on the test videos</h2>\n<table class=\"result\"><thead><tr><th></th><th>F</th>"
                + "<th>Kendall τ</th><th>Spearman ρ</th></tr></thead><tbody>\n");
        List<SeedsCsv.Row> rows = new ArrayList<>();
        for (RunResults.Seed s : results.finished()) {
            List<EpochMetrics> chosen = new ArrayList<>();
            for (JsonNode split : s.runJson().path("splits")) {
                JsonNode t = split.path("test");
                chosen.add(new EpochMetrics(split.path("epoch").asInt(), num(t, "f_score"), num(t, "kendalltau"),
                        num(t, "spearmanr")));
            }
            SeedsCsv.Row row = SeedsCsv.Row.of(s.seed(), chosen, "");
            rows.add(row);
            out.append("<tr class=\"seed\"><th>seed ").append(s.seed()).append(" (mean over ").append(row.splits())
                    .append(" splits)</th>").append(td(row.fScore())).append(td(row.kendall()))
                    .append(td(row.spearman())).append("</tr>\n");
        }
        if (!rows.isEmpty()) {
            RecordsCsv.Row mean = RecordsCsv.ofSeeds("mean", rows, EpochSelection.Selection.VALIDATION);
            out.append("<tr class=\"mean\"><th>this run: mean ± sd over ").append(rows.size()).append(" seed(s)</th>")
                    .append(tdSd(mean.fScore(), mean.fScoreSd())).append(tdSd(mean.kendall(), mean.kendallSd()))
                    .append(tdSd(mean.spearman(), mean.spearmanSd())).append("</tr>\n");
        } else {
            out.append("<tr><th>this run</th><td colspan=\"3\">no seed has finished yet</td></tr>\n");
        }
        if (b.note() == null) {
            Baselines.Human h = b.human();
            out.append("<tr class=\"baseline\"><th>human: leave-one-out F; pairwise τ, ρ (").append(h.videos())
                    .append(" test videos)</th>").append(td(h.leaveOneOut().fScore()))
                    .append(td(h.pairwise().kendall())).append(td(h.pairwise().spearman())).append("</tr>\n");
            Baselines.Random r = b.random();
            out.append("<tr class=\"baseline\"><th>random scores (mean of ").append(r.draws())
                    .append(" draws, seed ").append(r.seed()).append(")</th>").append(td(r.fScore()))
                    .append(td(r.kendall())).append(td(r.spearman())).append("</tr>\n");
        } else {
            out.append("<tr class=\"baseline\"><th>human and random baselines</th><td colspan=\"3\">")
                    .append(Html.escape(b.note())).append("</td></tr>\n");
        }
        String config = run == null ? null : run.path("config_name").asText(run.path("exp").asText());
        PublishedResults.Numbers paper = PublishedResults.forConfig(config);
        if (paper != null) {
            out.append("<tr class=\"published\"><th>published (").append(Html.escape(paper.setting()))
                    .append(")</th>").append(td(paper.fScore())).append(td(paper.kendall()))
                    .append(td(paper.spearman())).append("</tr>\n");
        } else {
            out.append("<tr class=\"published\"><th>published</th><td colspan=\"3\">not published here for ")
                    .append(Html.escape(config == null ? "this run" : config)).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<p class=\"source\">Published numbers: ")
                .append(Html.escape(PublishedResults.SOURCE)).append(". Their epochs were chosen on the test videos "
                + "(the reference protocol); compare with a run that chose its epochs on the test videos too "
                + "(<code>\"selection\": \"test\"</code> in its run.json). "
                + "– : not published or undefined.</p>\n");
    }

    private static void legend(StringBuilder out, RunResults results) {
        out.append("<p class=\"legend\">");
        for (int i = 0; i < results.seeds().size(); i++) {
            RunResults.Seed s = results.seeds().get(i);
            out.append("<span class=\"swatch\" style=\"background:").append(color(i)).append("\"></span>seed ")
                    .append(s.seed()).append(s.finished() ? "" : " (unfinished)").append(" &nbsp; ");
        }
        out.append("</p>\n");
    }

    private static String chart(RunResults results, int split, String measure, String title) {
        SvgChart chart = new SvgChart("split" + (split + 1) + "-" + measure, title);
        for (int i = 0; i < results.seeds().size(); i++) {
            RunResults.Seed s = results.seeds().get(i);
            List<RunResults.EpochRow> test = rows(s, split, "test");
            List<RunResults.EpochRow> validation = rows(s, split, "validation");
            String label = "seed " + s.seed();
            chart.add(series(label + (measure.equals("loss") ? "" : " test"), color(i), false, test, measure));
            if (!measure.equals("loss") && !validation.isEmpty()) {
                chart.add(series(label + " validation", color(i), true, validation, measure));
            }
            Integer chosen = s.chosen().get(split);
            if (chosen != null) {
                double y = test.stream().filter(r -> r.epoch() == chosen).mapToDouble(r -> value(r, measure))
                        .findFirst().orElse(Double.NaN);
                chart.mark(new SvgChart.Marker(chosen + 1, y, color(i)));
            }
        }
        return chart.svg();
    }

    private static List<RunResults.EpochRow> rows(RunResults.Seed s, int split, String set) {
        return s.epochs().stream().filter(r -> r.split() == split && r.set().equals(set)).toList();
    }

    private static SvgChart.Series series(String name, String color, boolean dashed, List<RunResults.EpochRow> rows,
            String measure) {
        double[] x = new double[rows.size()], y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = rows.get(i).epoch() + 1;
            y[i] = value(rows.get(i), measure);
        }
        return new SvgChart.Series(name, color, dashed, x, y);
    }

    private static double value(RunResults.EpochRow r, String measure) {
        return switch (measure) {
            case "loss" -> r.trainLoss();
            case "f_score" -> r.fScore();
            case "kendalltau" -> r.kendall();
            default -> r.spearman();
        };
    }

    private static void provenance(StringBuilder out, RunResults results, JsonNode run) {
        out.append("<h2>Provenance</h2>\n");
        if (run == null) {
            out.append("<p>No run has finished yet: run.json, written at the end of each seed's run, holds the "
                    + "provenance.</p>\n");
            return;
        }
        out.append("<table class=\"provenance\"><tbody>\n");
        row(out, "experiment", run.path("exp").asText() + " (config " + run.path("config_name").asText("?") + ")");
        row(out, "seeds", String.join(", ", results.seeds().stream().map(s -> Long.toString(s.seed())).toList()));
        row(out, "epoch selection", run.path("selection").asText() + " metrics, rule "
                + run.path("selection_rule").asText() + "; F over users: " + run.path("metric").asText());
        row(out, "split file", run.path("split_file").asText() + "  SHA-256 " + run.path("split_file_sha256").asText());
        row(out, "pretrained", run.path("pretrained").isNull() ? "none (trained from scratch)"
                : run.path("pretrained").asText() + "  SHA-256 " + run.path("pretrained_sha256").asText());
        for (Iterator<Map.Entry<String, JsonNode>> it = run.path("data_files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row(out, "data file", e.getKey() + "  SHA-256 " + e.getValue().path("sha256").asText());
        }
        JsonNode sw = run.path("software");
        row(out, "software", "sspvs " + sw.path("sspvs").asText() + ", DJL " + sw.path("djl").asText() + ", Java "
                + sw.path("java").asText() + " (" + sw.path("java_vendor").asText() + "), " + sw.path("os").asText());
        for (RunResults.Seed s : results.finished()) {
            row(out, "seed " + s.seed() + " finished", s.runJson().path("created").asText() + " in " + s.folder());
        }
        out.append("</tbody></table>\n<details><summary>config</summary><pre>")
                .append(Html.escape(run.path("config").toPrettyString())).append("</pre></details>\n");
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("<tr><th>").append(Html.escape(name)).append("</th><td><code>").append(Html.escape(value))
                .append("</code></td></tr>\n");
    }

    private static double num(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static String td(double v) {
        return "<td>" + (Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v)) + "</td>";
    }

    private static String tdSd(double mean, double sd) {
        return Double.isNaN(sd) ? td(mean) : "<td>" + (Double.isNaN(mean) ? "–"
                : String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd)) + "</td>";
    }

    private static String color(int i) {
        return COLORS[i % COLORS.length];
    }

    private static final String CSS = String.join("",
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#222;max-width:1300px}",
            "h1{margin-bottom:4px}h3{margin:12px 0 4px}code{font-size:12px}",
            "table{border-collapse:collapse;margin:8px 0}th,td{padding:4px 10px;border-bottom:1px solid #ddd;",
            "text-align:left}table.result td{text-align:right;font-variant-numeric:tabular-nums}",
            "tr.mean{font-weight:bold}tr.baseline,tr.published{color:#555}",
            ".plots{display:flex;flex-wrap:wrap;gap:8px}svg.plot{background:#fff;border:1px solid #eee}",
            "svg .title{font-size:12px;font-weight:600}svg .tick{font-size:9px;fill:#555}",
            "svg .frame{fill:none;stroke:#bbb}svg .grid{stroke:#eee}svg .series{fill:none;stroke-width:1.6}",
            "svg .chosen{stroke-width:1;stroke-dasharray:2 2;opacity:.7}svg .empty{font-size:11px;fill:#888}",
            ".swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}",
            ".source,.legend,.status{font-size:13px;color:#444}footer{margin-top:24px;font-size:12px;color:#888}",
            "pre{background:#f6f6f6;padding:8px;font-size:12px}");
}
