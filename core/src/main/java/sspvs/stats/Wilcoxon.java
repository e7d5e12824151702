package sspvs.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Two-sided Wilcoxon signed-rank test of paired values, with scipy's defaults for what commons-math3 leaves open:
 * <ul>
 *   <li>zero differences are dropped first ({@code zero_method="wilcox"}); when none remain the two are equal and
 *       p = 1 (commons-math3 would rank the zeros and call identical runs significant);</li>
 *   <li>up to 30 differences without tied magnitudes: the exact p-value, from commons-math3's
 *       {@link WilcoxonSignedRankTest} (capped at 1: the doubled tail passes 1 when W sits at its mean);</li>
 *   <li>otherwise the normal approximation, with the variance reduced for tied magnitudes and the continuity
 *       correction of 0.5 towards the mean — equal to {@code scipy.stats.wilcoxon(d, method="approx",
 *       correction=True)}. This is not commons-math3's approximation, which ignores ties (its variance is that of
 *       untied ranks) and subtracts the 0.5 away from the mean, so its p is too small (0.0646 against scipy's
 *       0.0665 on the 40 differences of the test fixture); tied magnitudes are common in per-video F-scores.</li>
 * </ul>
 */
public final class Wilcoxon {
    /** The p-value and how many non-zero differences it rests on. */
    public record Result(double p, int nonZero, boolean exact) {}

    private static final int EXACT_LIMIT = 30; // commons-math3's limit for its exact distribution

    private Wilcoxon() {}

    public static Result test(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " paired values");
        }
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] - b[i] != 0) {
                n++;
            }
        }
        if (n == 0) {
            return new Result(1.0, 0, true);
        }
        double[] x = new double[n], y = new double[n], magnitudes = new double[n];
        for (int i = 0, j = 0; i < a.length; i++) {
            if (a[i] - b[i] != 0) {
                x[j] = a[i];
                y[j] = b[i];
                magnitudes[j] = Math.abs(a[i] - b[i]);
                j++;
            }
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(magnitudes);
        boolean ties = hasTies(magnitudes);
        if (n <= EXACT_LIMIT && !ties) {
            return new Result(Math.min(1.0, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(x, y, true)), n, true);
        }
        double plus = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] - y[i] > 0) {
                plus += ranks[i];
            }
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieCorrection(magnitudes) / 48.0;
        double deviation = Math.abs(Math.abs(plus - mean) - 0.5); // as scipy: |T - mean| moved 0.5 towards 0
        double z = deviation / Math.sqrt(variance);
        return new Result(Math.min(1.0, 2 * new NormalDistribution(null, 0, 1).cumulativeProbability(-z)), n, false);
    }

    private static boolean hasTies(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /** Σ (t³ − t) over groups of t tied magnitudes. */
    private static double tieCorrection(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double sum = 0;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            sum += t * t * t - t;
            i = j;
        }
        return sum;
    }
}
