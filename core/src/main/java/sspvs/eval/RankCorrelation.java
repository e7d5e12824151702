package sspvs.eval;

import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * Kendall's τ-b and Spearman's ρ between two score vectors, as the reference computes them:
 * {@code kendalltau(rankdata(-x), rankdata(-y))} and {@code spearmanr(rankdata(-x), rankdata(-y))} with scipy's
 * average ranks for ties. Negating both sides changes neither statistic, so ranks here are taken ascending.
 *
 * <p>Speed: a vector is {@link #rank ranked} once into dense tie levels; user scores can be ranked once per video and
 * reused for every model. Frame scores are piecewise constant (one value per feature step) and user scores take
 * few values (TVSum: 1–5), so both statistics are computed from the table of joint level counts in
 * O(n + levels_x × levels_y). Where that table would be too large both fall back to O(n log n) / O(n) methods.
 *
 * <p>Constant input: scipy returns NaN for either statistic when one side has a single value (no untied pair),
 * and the reference's mean over users then is NaN too. We do the same: NaN propagates, so a constant model or a
 * constant annotator is visible rather than silently scored 0.
 */
public final class RankCorrelation {
    /** Joint tables larger than this many cells use the fallback instead. */
    private static final long MAX_TABLE_CELLS = 1L << 21;
    /** Up to this many distinct values a vector is ranked by hashing instead of sorting. */
    private static final int FEW_VALUES = 4096;

    /** Kendall's τ-b and Spearman's ρ of one pair of vectors. */
    public record Correlations(double kendall, double spearman) {}

    /**
     * A vector prepared for rank correlation: each element's dense tie level (0 = smallest value), and per level
     * its count and its average rank centred on the mean rank.
     */
    public static final class Ranked {
        private final int[] level;
        private final int[] levelCount;
        private final double[] levelRank;
        private final long tiedPairs;
        private final double sumSquares;

        private Ranked(int[] level, int[] levelCount, double[] levelRank) {
            this.level = level;
            this.levelCount = levelCount;
            this.levelRank = levelRank;
            long tied = 0;
            double ss = 0;
            for (int k = 0; k < levelCount.length; k++) {
                long t = levelCount[k];
                tied += t * (t - 1) / 2;
                ss += t * levelRank[k] * levelRank[k];
            }
            this.tiedPairs = tied;
            this.sumSquares = ss;
        }

        public int length() {
            return level.length;
        }

        /** Number of distinct values. */
        public int levels() {
            return levelCount.length;
        }
    }

    private RankCorrelation() {}

    /** Ranks a vector (ties share a level; -0.0 equals 0.0, as numpy compares). */
    public static Ranked rank(float[] values) {
        Ranked few = rankFewValues(values);
        return few != null ? few : rankBySorting(values);
    }

    /** A float's bits mapped so that signed int order is numeric order (NaN last); -0.0 counts as 0.0. */
    private static int sortableBits(float v) {
        int bits = Float.floatToIntBits(v == 0f ? 0f : v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /**
     * O(n) ranking for vectors with few distinct values (user scores 1–5, step scores spread over frames): a
     * small hash table of the distinct values, then their order. Null when there are more than
     * {@link #FEW_VALUES} distinct values.
     */
    static Ranked rankFewValues(float[] values) {
        int n = values.length;
        int capacity = 2 * FEW_VALUES;
        int[] slotKey = new int[capacity];
        int[] slotId = new int[capacity];
        Arrays.fill(slotId, -1);
        int[] distinctKey = new int[FEW_VALUES];
        int[] ids = new int[n];
        int distinct = 0;
        int previousKey = 0;
        int previousId = -1;
        for (int i = 0; i < n; i++) {
            int key = sortableBits(values[i]);
            if (previousId >= 0 && key == previousKey) {
                ids[i] = previousId;
                continue;
            }
            int slot = (key * 0x9E3779B9 >>> 16) & (capacity - 1);
            while (slotId[slot] >= 0 && slotKey[slot] != key) {
                slot = (slot + 1) & (capacity - 1);
            }
            if (slotId[slot] < 0) {
                if (distinct == FEW_VALUES) {
                    return null;
                }
                slotKey[slot] = key;
                slotId[slot] = distinct;
                distinctKey[distinct++] = key;
            }
            previousKey = key;
            previousId = slotId[slot];
            ids[i] = previousId;
        }
        // order the distinct values: (key << 32 | id) sorts by key
        long[] order = new long[distinct];
        for (int id = 0; id < distinct; id++) {
            order[id] = ((long) distinctKey[id] << 32) | id;
        }
        Arrays.sort(order);
        int[] levelOfId = new int[distinct];
        for (int level = 0; level < distinct; level++) {
            levelOfId[(int) order[level]] = level;
        }
        int[] level = new int[n];
        int[] counts = new int[distinct];
        for (int i = 0; i < n; i++) {
            int l = levelOfId[ids[i]];
            level[i] = l;
            counts[l]++;
        }
        double[] ranks = new double[distinct];
        int start = 0;
        for (int l = 0; l < distinct; l++) {
            int end = start + counts[l];
            ranks[l] = (start + end - n) / 2.0;
            start = end;
        }
        return new Ranked(level, counts, ranks);
    }

    static Ranked rankBySorting(float[] values) {
        int n = values.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) sortableBits(values[i]) << 32) | i;
        }
        Arrays.sort(keys);
        int[] level = new int[n];
        int[] counts = new int[n];
        double[] ranks = new double[n];
        int levels = 0;
        int start = 0;
        while (start < n) {
            int high = (int) (keys[start] >> 32);
            int end = start + 1;
            while (end < n && (int) (keys[end] >> 32) == high) {
                end++;
            }
            for (int j = start; j < end; j++) {
                level[(int) keys[j]] = levels;
            }
            counts[levels] = end - start;
            // average 1-based rank (start + 1 + end) / 2, minus the mean rank (n + 1) / 2
            ranks[levels] = (start + end - n) / 2.0;
            levels++;
            start = end;
        }
        return new Ranked(level, Arrays.copyOf(counts, levels), Arrays.copyOf(ranks, levels));
    }

    public static double kendall(float[] x, float[] y) {
        return correlate(rank(x), rank(y)).kendall();
    }

    public static double spearman(float[] x, float[] y) {
        return correlate(rank(x), rank(y)).spearman();
    }

    /** Both statistics of two ranked vectors of equal length. */
    public static Correlations correlate(Ranked x, Ranked y) {
        int n = x.length();
        if (y.length() != n) {
            throw new IllegalArgumentException("vectors differ in length: " + n + " and " + y.length());
        }
        if (n < 2) {
            return new Correlations(Double.NaN, Double.NaN);
        }
        long cells = (long) x.levels() * y.levels();
        if (cells <= MAX_TABLE_CELLS) {
            return fromTable(x, y);
        }
        return new Correlations(kendallFallback(x, y), spearmanDirect(x, y));
    }

    private static Correlations fromTable(Ranked x, Ranked y) {
        int kx = x.levels();
        int ky = y.levels();
        int[] table = new int[kx * ky];
        for (int i = 0; i < x.level.length; i++) {
            table[x.level[i] * ky + y.level[i]]++;
        }
        // Concordant minus discordant pairs: walk x levels from the top, keeping per y level how many elements
        // lie strictly above in x.
        long[] above = new long[ky];
        long aboveTotal = 0;
        long score = 0;
        double covariance = 0;
        for (int a = kx - 1; a >= 0; a--) {
            int row = a * ky;
            long below = 0;
            double rowCov = 0;
            for (int b = 0; b < ky; b++) {
                int c = table[row + b];
                if (c != 0) {
                    long greater = aboveTotal - below - above[b];
                    score += c * (greater - below);
                    rowCov += c * y.levelRank[b];
                }
                below += above[b];
            }
            covariance += rowCov * x.levelRank[a];
            for (int b = 0; b < ky; b++) {
                above[b] += table[row + b];
                aboveTotal += table[row + b];
            }
        }
        return new Correlations(tauB(score, x, y), rho(covariance, x, y));
    }

    private static double tauB(long score, Ranked x, Ranked y) {
        long n = x.length();
        long pairs = n * (n - 1) / 2;
        long untiedX = pairs - x.tiedPairs;
        long untiedY = pairs - y.tiedPairs;
        if (untiedX == 0 || untiedY == 0) {
            return Double.NaN;
        }
        double tau = score / Math.sqrt(untiedX) / Math.sqrt(untiedY);
        return Math.min(1.0, Math.max(-1.0, tau));
    }

    private static double rho(double covariance, Ranked x, Ranked y) {
        if (x.sumSquares == 0 || y.sumSquares == 0) {
            return Double.NaN;
        }
        double r = covariance / Math.sqrt(x.sumSquares * y.sumSquares);
        return Math.min(1.0, Math.max(-1.0, r));
    }

    private static double spearmanDirect(Ranked x, Ranked y) {
        double covariance = 0;
        for (int i = 0; i < x.level.length; i++) {
            covariance += x.levelRank[x.level[i]] * y.levelRank[y.level[i]];
        }
        return rho(covariance, x, y);
    }

    private static double kendallFallback(Ranked x, Ranked y) {
        if (x.tiedPairs == (long) x.length() * (x.length() - 1) / 2
                || y.tiedPairs == (long) y.length() * (y.length() - 1) / 2) {
            return Double.NaN;
        }
        double[] a = new double[x.length()];
        double[] b = new double[y.length()];
        for (int i = 0; i < a.length; i++) {
            a[i] = x.level[i];
            b[i] = y.level[i];
        }
        return new KendallsCorrelation().correlation(a, b);
    }
}
