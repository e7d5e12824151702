package sspvs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sspvs.UserException;
import sspvs.data.VideoRecord;
import sspvs.eval.EvaluationSummary;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.eval.SummaryBuilder;
import sspvs.eval.VideoEvaluation;

/** {@code sspvs evaluate}: scores some videos' predicted step scores with the published protocol. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates predicted step scores as the SSPVS reference does (F, tau, rho per video).",
            "F-score of the knapsack summary against the user summaries; Kendall's tau-b and Spearman's rho "
                    + "against the user scores; per video and their mean."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.h5", description = "eccv16-layout HDF5 file.")
    Path data;

    @Option(names = "--scores", required = true, paramLabel = "SCORES.json",
            description = "JSON object: video key -> list of step scores (one per feature step).")
    Path scores;

    @Option(names = "--metric", paramLabel = "avg|max", converter = MetricOption.class,
            description = MetricOption.DESCRIPTION)
    Metric metric;

    @Option(names = "--ratio", defaultValue = "0.15", paramLabel = "R",
            description = "Summary length as a fraction of the frames (default: ${DEFAULT-VALUE}).")
    double ratio;

    @Option(names = "--videos", split = ",", paramLabel = "KEY",
            description = "Only these videos (comma-separated keys, as given to 'sspvs predict --videos'); default: "
                    + "all of the file's, with a warning for those the scores lack.")
    List<String> only;

    @Option(names = "--out", paramLabel = "RESULT.json", description = "Also write the results as JSON.")
    Path out;

    @Override
    public Integer call() {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new UserException("--ratio must be in (0, 1], got " + ratio);
        }
        DataFiles.Loaded loaded = DataFiles.readAll(data, spec.commandLine().getErr());
        Metric m = loaded.metric(metric, spec.commandLine().getErr());
        List<VideoRecord> videos = selected(loaded.videos());
        Map<String, float[]> predicted = readScores(scores, loaded.videos());
        long missing = videos.stream().filter(v -> !predicted.containsKey(v.key())).count();
        if (only != null && !only.isEmpty() && missing > 0) {
            throw new UserException(scores + ": no scores for " + missing + " of the " + videos.size()
                    + " videos given with --videos");
        }
        if (missing > 0) {
            spec.commandLine().getErr().printf("sspvs: warning: %s has no scores for %d of the %d videos in %s; "
                    + "evaluating the other %d%n", scores, missing, videos.size(), data, videos.size() - missing);
            spec.commandLine().getErr().flush();
        }
        Evaluator evaluator = new Evaluator(new SummaryBuilder(ratio));
        List<VideoEvaluation> results = new ArrayList<>();
        for (VideoRecord video : videos) {
            float[] steps = predicted.get(video.key());
            if (steps != null) {
                results.add(evaluator.evaluate(video, steps, m));
            }
        }
        EvaluationSummary mean = EvaluationSummary.of(results);
        print(spec.commandLine().getOut(), results, mean, m);
        if (out != null) {
            Json.write(out, toJson(results, mean, m));
        }
        return 0;
    }

    /** The videos --videos names (each must be in the file), else all of them. */
    private List<VideoRecord> selected(List<VideoRecord> all) {
        if (only == null || only.isEmpty()) {
            return all;
        }
        Map<String, VideoRecord> byKey = new LinkedHashMap<>();
        all.forEach(v -> byKey.put(v.key(), v));
        List<VideoRecord> chosen = new ArrayList<>();
        for (String key : only) {
            VideoRecord v = byKey.get(key.strip());
            if (v == null) {
                throw new UserException(data + ": no video '" + key + "' (it has " + all.size() + " videos, e.g. "
                        + byKey.keySet().stream().limit(5).toList() + ")");
            }
            chosen.add(v);
        }
        return chosen;
    }

    /** Reads SCORES.json, checking every key exists in the data and every list has one finite score per step. */
    static Map<String, float[]> readScores(Path file, List<VideoRecord> videos) {
        JsonNode root;
        try {
            root = Json.STRICT_READER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException(file + ": cannot read scores JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new UserException(file + ": expected a JSON object mapping video keys to lists of step scores");
        }
        Map<String, VideoRecord> byKey = new LinkedHashMap<>();
        for (VideoRecord v : videos) {
            byKey.put(v.key(), v);
        }
        Map<String, float[]> scores = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            VideoRecord video = byKey.get(key);
            if (video == null) {
                throw new UserException(file + ": video '" + key + "' is not in the data file (it has "
                        + byKey.size() + " videos, e.g. " + byKey.keySet().stream().limit(3).toList() + ")");
            }
            JsonNode list = entry.getValue();
            if (!list.isArray()) {
                throw new UserException(file + ": video " + key + ": expected a list of numbers");
            }
            int expected = video.picks().length;
            if (list.size() != expected) {
                throw new UserException(file + ": video " + key + " has " + list.size()
                        + " scores, expected " + expected + " (one per feature step)");
            }
            float[] steps = new float[expected];
            for (int i = 0; i < expected; i++) {
                JsonNode value = list.get(i);
                if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                    throw new UserException(file + ": video " + key + ": score " + i + " is not a finite number ("
                            + value + ")");
                }
                steps[i] = (float) value.asDouble();
                if (!Float.isFinite(steps[i])) { // e.g. 1e39: finite as a double, infinite as the float we score
                    throw new UserException(file + ": video " + key + ": score " + i + " is " + value
                            + ", beyond the range of scores (|score| <= " + Float.MAX_VALUE + ")");
                }
            }
            scores.put(key, steps);
        }
        return scores;
    }

    static void print(PrintWriter out, List<VideoEvaluation> results, EvaluationSummary mean, Metric metric) {
        out.printf("%-16s %7s %7s %7s %7s %7s%n", "video", "F", "P", "R", "tau", "rho");
        for (VideoEvaluation e : results) {
            out.printf("%-16s %7s %7s %7s %7s %7s%n", e.key(), Json.cell(e.fScore()), Json.cell(e.precision()),
                    Json.cell(e.recall()), Json.cell(e.kendall()), Json.cell(e.spearman()));
        }
        out.printf("%-16s %7s %7s %7s %7s %7s%n", "mean (" + mean.videos() + ")", Json.cell(mean.fScore()),
                Json.cell(mean.precision()), Json.cell(mean.recall()), Json.cell(mean.kendall()),
                Json.cell(mean.spearman()));
        out.printf("F-score metric: %s; '-' = undefined (no user_scores, or constant scores)%n",
                metric.name().toLowerCase(java.util.Locale.ROOT));
        out.flush();
    }

    static ObjectNode toJson(List<VideoEvaluation> results, EvaluationSummary mean, Metric metric) {
        ObjectNode root = Json.object();
        root.put("metric", metric.name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode videos = root.putObject("videos");
        for (VideoEvaluation e : results) {
            ObjectNode v = videos.putObject(e.key());
            measures(v, e.fScore(), e.precision(), e.recall(), e.kendall(), e.spearman());
        }
        ObjectNode m = root.putObject("mean");
        measures(m, mean.fScore(), mean.precision(), mean.recall(), mean.kendall(), mean.spearman());
        m.put("videos", mean.videos());
        return root;
    }

    static void measures(ObjectNode node, double f, double p, double r, double k, double s) {
        Json.put(node, "f_score", f);
        Json.put(node, "precision", p);
        Json.put(node, "recall", r);
        Json.put(node, "kendalltau", k);
        Json.put(node, "spearmanr", s);
    }
}
