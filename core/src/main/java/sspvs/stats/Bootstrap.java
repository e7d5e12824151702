package sspvs.stats;

import java.util.Arrays;

/**
 * Percentile bootstrap confidence interval of a mean difference over paired units, resampled within strata: each
 * resample draws, in every stratum (a split), as many units as it has, with replacement, and takes the mean over all
 * drawn units. Stratifying keeps each split's share of the test videos fixed, as the protocol does.
 *
 * <p>The interval is the 2.5th and 97.5th percentiles of the resampled means (for 95%), interpolated linearly
 * between order statistics as numpy's default {@code percentile} does. Draws come from {@link SplitMix64} seeded
 * with the caller's seed, so the same inputs and seed give the same interval on every machine.
 */
public final class Bootstrap {
    /** The reported interval. */
    public record Interval(double low, double high) {
        public boolean contains(double x) {
            return low <= x && x <= high;
        }
    }

    private Bootstrap() {}

    /**
     * @param values one value per unit (e.g. a video's F of run B minus run A)
     * @param strata the stratum of each unit (any int labels)
     * @param level e.g. 0.95
     */
    public static Interval meanInterval(double[] values, int[] strata, int resamples, double level, long seed) {
        if (values.length == 0 || values.length != strata.length) {
            throw new IllegalArgumentException(values.length + " values, " + strata.length + " strata");
        }
        int[][] groups = groups(strata);
        SplitMix64 random = new SplitMix64(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int[] group : groups) {
                for (int i = 0; i < group.length; i++) {
                    sum += values[group[random.below(group.length)]];
                }
            }
            means[r] = sum / values.length;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new Interval(percentile(means, tail), percentile(means, 1 - tail));
    }

    /** The units' indices per stratum, strata in order of first appearance. */
    static int[][] groups(int[] strata) {
        java.util.Map<Integer, java.util.List<Integer>> byStratum = new java.util.LinkedHashMap<>();
        for (int i = 0; i < strata.length; i++) {
            byStratum.computeIfAbsent(strata[i], k -> new java.util.ArrayList<>()).add(i);
        }
        return byStratum.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** numpy's linear percentile of sorted values, q in [0, 1]. */
    static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
