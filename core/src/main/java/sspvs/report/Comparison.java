package sspvs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import sspvs.UserException;
import sspvs.stats.Bootstrap;
import sspvs.stats.Wilcoxon;

/**
 * Two runs of the same split file compared video by video ({@code sspvs compare A B}): each test video of each
 * split is one pair (its chosen-epoch metric in A and in B, each averaged over that run's seeds). For F, τ and ρ:
 * the mean of each run over the pairs, the mean difference B − A with a 95% bootstrap interval (videos resampled
 * within their split, {@link Bootstrap}) and the two-sided Wilcoxon signed-rank p ({@link Wilcoxon}). Pairs where a
 * metric is undefined in either run (NaN τ) are left out of that metric.
 */
public final class Comparison {
    /** One metric's comparison over {@code videos} pairs. */
    public record Line(String metric, int videos, double meanA, double meanB, double difference,
            Bootstrap.Interval interval, double p) {}

    public static final int RESAMPLES = 10_000;

    private Comparison() {}

    /** Pairs A's and B's test videos; refuses runs of different split files or test videos. */
    public static List<Line> of(RunResults a, RunResults b, int resamples, long seed) {
        String shaA = a.splitFileSha256(), shaB = b.splitFileSha256();
        List<RunResults.VideoResult> va = a.testVideos(), vb = b.testVideos();
        if (shaA != null && shaB != null && !shaA.equals(shaB)) {
            throw new UserException("cannot compare " + a.dir() + " with " + b.dir() + ": they ran on different split "
                    + "files (" + a.provenance().path("split_file").asText() + ", SHA-256 " + shaA.substring(0, 12)
                    + "…; " + b.provenance().path("split_file").asText() + ", " + shaB.substring(0, 12) + "…)");
        }
        Map<String, RunResults.VideoResult> byKeyB = new LinkedHashMap<>();
        vb.forEach(v -> byKeyB.put(key(v), v));
        Set<String> keysA = new TreeSet<>();
        va.forEach(v -> keysA.add(key(v)));
        if (!keysA.equals(new TreeSet<>(byKeyB.keySet()))) {
            Set<String> onlyA = new TreeSet<>(keysA);
            onlyA.removeAll(byKeyB.keySet());
            Set<String> onlyB = new TreeSet<>(byKeyB.keySet());
            onlyB.removeAll(keysA);
            throw new UserException("cannot compare " + a.dir() + " with " + b.dir() + ": their test videos differ ("
                    + String.join("; ", java.util.stream.Stream.of(describe(onlyA, "only in A"),
                            describe(onlyB, "only in B")).filter(x -> !x.isEmpty()).toList())
                    + "); compare runs of the same "
                    + "split file and data");
        }
        List<Line> lines = new ArrayList<>();
        lines.add(line("f_score", va, byKeyB, RunResults.VideoResult::fScore, resamples, seed));
        lines.add(line("kendalltau", va, byKeyB, RunResults.VideoResult::kendall, resamples, seed));
        lines.add(line("spearmanr", va, byKeyB, RunResults.VideoResult::spearman, resamples, seed));
        return lines;
    }

    private static Line line(String metric, List<RunResults.VideoResult> a, Map<String, RunResults.VideoResult> b,
            ToDoubleFunction<RunResults.VideoResult> value, int resamples, long seed) {
        List<double[]> pairs = new ArrayList<>();
        List<Integer> strata = new ArrayList<>();
        for (RunResults.VideoResult va : a) {
            double x = value.applyAsDouble(va), y = value.applyAsDouble(b.get(key(va)));
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                pairs.add(new double[] {x, y});
                strata.add(va.split());
            }
        }
        int n = pairs.size();
        if (n == 0) {
            return new Line(metric, 0, Double.NaN, Double.NaN, Double.NaN,
                    new Bootstrap.Interval(Double.NaN, Double.NaN), Double.NaN);
        }
        double[] xs = new double[n], ys = new double[n], diff = new double[n];
        double sumA = 0, sumB = 0;
        for (int i = 0; i < n; i++) {
            xs[i] = pairs.get(i)[0];
            ys[i] = pairs.get(i)[1];
            diff[i] = ys[i] - xs[i];
            sumA += xs[i];
            sumB += ys[i];
        }
        int[] s = strata.stream().mapToInt(Integer::intValue).toArray();
        return new Line(metric, n, sumA / n, sumB / n, (sumB - sumA) / n,
                Bootstrap.meanInterval(diff, s, resamples, 0.95, seed), Wilcoxon.test(ys, xs).p());
    }

    private static String key(RunResults.VideoResult v) {
        return "split " + (v.split() + 1) + " " + v.video();
    }

    private static String describe(Set<String> keys, String label) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> first = keys.stream().limit(3).toList();
        return keys.size() + " " + label + ", e.g. "
                + String.join(", ", first);
    }
}
