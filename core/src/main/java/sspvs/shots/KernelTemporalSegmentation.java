package sspvs.shots;

import sspvs.data.Shots;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kernel temporal segmentation (KTS; Potapov, Douze, Harchaoui, Schmid, "Category-specific video
 * summarization", ECCV 2014): splits a sequence of frame features into shots, the method behind the
 * {@code change_points} of the public eccv16 TVSum/SumMe files.
 *
 * <p><b>Objective.</b> With the linear kernel of L2-normalised features, {@code K[i][j] = <x_i, x_j>}, a segment
 * {@code [a, b)} costs its within-segment scatter {@code sum_{i} K[i][i] - (sum_{i,j} K[i][j]) / (b - a)}
 * (= the sum of squared distances to the segment mean in feature space). For each number of change points
 * {@code m} a dynamic programme finds the segmentation of least total scatter {@code L_m}.
 *
 * <p><b>Choosing m</b> is the "autocalibration" of KTS's {@code cpd_auto}: minimise
 * {@code L_m / n + vmax * m / (2 n) * (log(n / m) + 1)} over {@code m = 0..m_max} (penalty 0 for m = 0),
 * with {@code n} the number of steps and {@code vmax = 1} as the public files' pipelines call it
 * ({@code cpd_auto(K, n - 1, 1)}, e.g. DSNet's {@code make_shots.py}; KTS v1.1 from
 * lear.inrialpes.fr/people/potapov/med_summaries). Ties go to the smaller m and, inside the programme, to the
 * earlier change point, as {@code numpy.argmin} does there.
 *
 * <p><b>Speed, exactly.</b> The reference evaluates the programme for every m up to {@code n - 1} with
 * O(n) candidates per cell: O(n^3), about 10^11 candidate evaluations for a one-hour video at 2 steps per
 * second (n = 7,200). This class computes the same optimum (with {@code L >= n}; see 2.) much faster, with
 * three devices:
 * <ol>
 *   <li><i>O(1) segment costs.</i> Diagonal prefix sums plus, for each start {@code a}, prefix sums of row
 *       {@code a} of the kernel give every block sum by the recurrence
 *       {@code B(a, b) = B(a + 1, b) + K[a][a] + 2 * sum_{a < j < b} K[a][j]} (the 2-D cumulative-sum idea,
 *       stored only where it is used).</li>
 *   <li><i>A maximum segment length</i> {@code L} ({@link #maxSegmentSteps(int)}): only segments of at most
 *       {@code L} steps are considered, so kernel, costs and each programme row take O(n L) instead of
 *       O(n^2). This is KTS's own {@code lmax} parameter of {@code cpd_nonlin}; the public pipelines leave it
 *       effectively unbounded, so the default here is unbounded up to {@link #DEFAULT_MAX_SEGMENT_STEPS} steps
 *       and that bound beyond (a shot longer than 5 minutes at 2 fps is split). With {@code L >= n} the result
 *       equals {@code cpd_auto} exactly.</li>
 *   <li><i>Exact early stop over m.</i> The programme adds one change point per row and stops as soon as no
 *       larger m can beat the best criterion found so far. Two lower bounds on the criterion of m prove it:
 *       the penalty alone (scatter is never negative, and the penalty grows with m: its derivative
 *       {@code log(n / m) / (2 n)} is positive for m &lt; n), and Lagrangian bounds
 *       {@code L_m >= G(beta) - beta * m}, where {@code G(beta)} is the least "scatter + beta per change point"
 *       over all segmentations, one O(n L) optimal-partitioning pass per beta (16 betas around the slopes where
 *       the penalty's marginal cost meets the scatter's marginal gain). On video-like features the programme
 *       then stops right after the best m instead of running to {@code n - 1}.</li>
 * </ol>
 * Time is O(m_stop * n * L) with small constants (rows of the programme and of the kernel run in parallel);
 * memory O(n L) doubles for the cost band plus one short per programme cell for backtracking. {@link KtsBenchmark}
 * times it; measured figures are in docs/performance.md.
 */
public final class KernelTemporalSegmentation {
    /** Longest segment considered by default, in steps (600 steps = 5 minutes at 2 samples per second). */
    public static final int DEFAULT_MAX_SEGMENT_STEPS = 600;
    /** Memory guard for the cost band: n * L doubles. */
    private static final long MAX_BAND_CELLS = 25_000_000L;
    /** Programme rows with at least this many candidate evaluations are split across cores. */
    private static final long PARALLEL_WORK = 2_000_000L;
    /** Number of linear-penalty passes that bound the criterion for the early stop. */
    private static final int LAGRANGE_POINTS = 16;

    private double vmax = 1.0;
    private int minSegmentSteps = 1;
    private int maxSegmentSteps = DEFAULT_MAX_SEGMENT_STEPS;
    private int maxChangePoints = Integer.MAX_VALUE;

    /** The penalty weight of {@code cpd_auto} (default 1, as the public files were made). */
    public KernelTemporalSegmentation vmax(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("vmax must be a finite non-negative number, got " + value);
        }
        this.vmax = value;
        return this;
    }

    /** Shortest allowed segment in steps (KTS's {@code lmin}, default 1). */
    public KernelTemporalSegmentation minSegmentSteps(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("minimum segment length must be at least 1, got " + value);
        }
        this.minSegmentSteps = value;
        return this;
    }

    /**
     * Longest allowed segment in steps (KTS's {@code lmax}); {@code Integer.MAX_VALUE} for unbounded (exactly
     * the reference; memory and time grow as n^2). Default {@link #DEFAULT_MAX_SEGMENT_STEPS}.
     */
    public KernelTemporalSegmentation maxSegmentSteps(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("maximum segment length must be at least 1, got " + value);
        }
        this.maxSegmentSteps = value;
        return this;
    }

    /** Most change points considered (default n - 1, as the public pipelines call it). */
    public KernelTemporalSegmentation maxChangePoints(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maximum change points must be non-negative, got " + value);
        }
        this.maxChangePoints = value;
        return this;
    }

    /**
     * The result of a segmentation.
     *
     * @param steps        number of steps segmented (n)
     * @param changePoints the first step of every segment after the first, increasing (KTS's {@code cps})
     * @param scatter      the total within-segment scatter of this segmentation
     * @param criterion    the penalised criterion for m = 0, 1, ... as far as it was evaluated
     *                     ({@code Double.POSITIVE_INFINITY} where no segmentation with m change points fits
     *                     the length bounds); empty for a fixed number of change points
     */
    public record Segmentation(int steps, int[] changePoints, double scatter, double[] criterion) {
        /** Number of segments. */
        public int segmentCount() {
            return changePoints.length + 1;
        }

        /** Segment {@code s} as {@code [first step, last step]}, inclusive. */
        public int[] segment(int s) {
            int start = s == 0 ? 0 : changePoints[s - 1];
            int end = s == changePoints.length ? steps : changePoints[s];
            return new int[] {start, end - 1};
        }

        /**
         * These segments as shots in frames ({@link Shots#fromSteps}).
         *
         * @param picks the decoded frame index of every step (increasing)
         * @param nFrames the number of decoded frames
         */
        public Shots toShots(int[] picks, int nFrames) {
            return Shots.fromSteps(changePoints, steps, picks, nFrames);
        }
    }

    /** Segments features {@code [n][D]} choosing the number of change points with KTS's penalised rule. */
    public Segmentation segment(float[][] features) {
        Costs costs = Costs.of(normalise(features), effectiveMax(features.length));
        return solve(costs, -1);
    }

    /** Segments features into exactly {@code changePoints + 1} segments of least scatter (KTS's {@code cpd_nonlin}). */
    public Segmentation segment(float[][] features, int changePoints) {
        int n = features.length;
        if (changePoints < 0 || changePoints > n - 1) {
            throw new IllegalArgumentException("change points must be in [0, " + (n - 1) + "], got " + changePoints);
        }
        Costs costs = Costs.of(normalise(features), effectiveMax(n));
        return solve(costs, changePoints);
    }

    private int effectiveMax(int n) {
        int l = Math.min(maxSegmentSteps, Math.max(n, 1));
        if ((long) n * l > MAX_BAND_CELLS) {
            throw new IllegalArgumentException("segmenting " + n + " steps with segments up to " + l
                    + " steps needs " + ((long) n * l * 8 >> 20) + " MiB; lower the maximum segment length");
        }
        return l;
    }

    /** fixedM < 0: choose m by the criterion; otherwise exactly fixedM change points. */
    private Segmentation solve(Costs costs, int fixedM) {
        int n = costs.n;
        if (n == 0) {
            return new Segmentation(0, new int[0], 0, new double[0]);
        }
        int lMin = minSegmentSteps;
        int lMax = costs.maxLength;
        int mLimit = fixedM >= 0 ? fixedM : (int) Math.min((long) maxChangePoints, n - 1);
        if (fixedM >= 0 && ((long) (fixedM + 1) * lMin > n || (long) (fixedM + 1) * lMax < n)) {
            throw new IllegalArgumentException(fixedM + " change points cannot split " + n + " steps into segments of "
                    + lMin + ".." + lMax + " steps");
        }
        double inf = Double.POSITIVE_INFINITY;
        double[] prev = new double[n + 1];
        Arrays.fill(prev, inf);
        for (int l = lMin; l <= Math.min(lMax, n); l++) {
            prev[l] = costs.cost(0, l);
        }
        List<short[]> back = new ArrayList<>(); // back.get(k-1)[l] = l - t for layer k
        List<Double> criterion = new ArrayList<>();
        double bestValue = inf;
        int bestM = -1;
        if (fixedM < 0) {
            bestValue = prev[n] / n; // m = 0 has no penalty
            bestM = 0;
            criterion.add(bestValue);
        }
        double[] cur = new double[n + 1];
        // lower bounds on the criterion of every m, and their minimum over m' >= m (for the exact early stop)
        double[] boundFrom = fixedM < 0 ? criterionLowerBounds(costs, lMin, n) : null;
        for (int k = 1; k <= mLimit; k++) {
            if (fixedM < 0 && boundFrom[k] >= bestValue + 1e-12 * (1 + Math.abs(bestValue))) {
                break; // exact: no m >= k can reach the best criterion found so far
            }
            short[] from = new short[n + 1];
            Arrays.fill(cur, inf);
            int lFirst = (k + 1) * lMin;
            long lLastLong = Math.min((long) (k + 1) * lMax, n);
            final double[] prevRow = prev;
            final double[] curRow = cur;
            final int layer = k;
            java.util.function.IntConsumer cell = l -> {
                int tMin = Math.max(layer * lMin, l - lMax);
                int tMax = l - lMin;
                int base = costs.rowBase(l);
                double[] band = costs.band;
                // two passes: a branch-free minimum (vectorised by the JIT), then its first position
                double best = Double.POSITIVE_INFINITY;
                for (int t = tMin; t <= tMax; t++) {
                    best = Math.min(best, prevRow[t] + band[base + t]);
                }
                curRow[l] = best;
                if (best < Double.POSITIVE_INFINITY) {
                    int t = tMin;
                    while (prevRow[t] + band[base + t] != best) {
                        t++;
                    }
                    from[l] = (short) (l - t);
                }
            };
            int lLast = (int) lLastLong;
            if ((long) (lLast - lFirst) * lMax >= PARALLEL_WORK) {
                java.util.stream.IntStream.rangeClosed(lFirst, lLast).parallel().forEach(cell);
            } else {
                for (int l = lFirst; l <= lLast; l++) {
                    cell.accept(l);
                }
            }
            back.add(from);
            double[] swap = prev;
            prev = cur;
            cur = swap;
            if (fixedM < 0) {
                double value = prev[n] / n + penalty(k, n);
                criterion.add(value);
                if (value < bestValue) {
                    bestValue = value;
                    bestM = k;
                }
            }
        }
        int m = fixedM >= 0 ? fixedM : bestM;
        int[] cps = backtrack(back, m, n, costs);
        double scatter = 0;
        int start = 0;
        for (int s = 0; s <= cps.length; s++) {
            int end = s == cps.length ? n : cps[s];
            scatter += costs.cost(start, end);
            start = end;
        }
        double[] crit = criterion.stream().mapToDouble(Double::doubleValue).toArray();
        return new Segmentation(n, cps, scatter, crit);
    }

    private static int[] backtrack(List<short[]> back, int m, int n, Costs costs) {
        int[] cps = new int[m];
        int cur = n;
        for (int k = m; k >= 1; k--) {
            int len = back.get(k - 1)[cur] & 0xFFFF;
            cur -= len;
            cps[k - 1] = cur;
        }
        return cps;
    }

    /**
     * {@code out[m]} = a lower bound on the criterion of every m' >= m (index n: +infinity). Two bounds per m:
     * the penalty alone (scatter is never negative), and Lagrangian ones: for any beta >= 0,
     * {@code G(beta) = min over segmentations of (scatter + beta * changePoints)} is at most
     * {@code L_m + beta * m}, so {@code L_m >= G(beta) - beta * m}. G is one "optimal partitioning" pass, O(n L),
     * like a single layer of the programme; a few betas around the slopes where the penalty's marginal cost
     * {@code vmax/2 * log(n/m)} meets the scatter's marginal gain make the bound tight near the optimum, so the
     * programme stops a little after the best m instead of where the penalty alone exceeds it.
     */
    private double[] criterionLowerBounds(Costs costs, int lMin, int n) {
        double[] bound = new double[n + 1];
        for (int m = 1; m < n; m++) {
            bound[m] = penalty(m, n);
        }
        if (vmax > 0 && n > 2) {
            for (int j = 0; j < LAGRANGE_POINTS; j++) {
                double m = Math.max(1, n * Math.pow(0.5, 1 + j * 0.5)); // m from n/2 down, by factors of sqrt 2
                double beta = vmax / 2 * Math.log(n / m);
                double g = partitionWithPenalty(costs, lMin, n, beta);
                if (g == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int mm = 1; mm < n; mm++) {
                    bound[mm] = Math.max(bound[mm], (g - beta * mm) / n + penalty(mm, n));
                }
            }
        }
        double[] from = new double[n + 1];
        from[n] = Double.POSITIVE_INFINITY;
        for (int m = n - 1; m >= 1; m--) {
            from[m] = Math.min(bound[m], from[m + 1]);
        }
        return from;
    }

    /** min over all segmentations (within the length bounds) of scatter + beta * (segments - 1). */
    private static double partitionWithPenalty(Costs costs, int lMin, int n, double beta) {
        int lMax = costs.maxLength;
        double[] f = new double[n + 1];
        Arrays.fill(f, Double.POSITIVE_INFINITY);
        f[0] = -beta; // the first segment carries no change point
        for (int l = lMin; l <= n; l++) {
            int tMin = Math.max(0, l - lMax);
            int tMax = l - lMin;
            int base = costs.rowBase(l);
            double best = Double.POSITIVE_INFINITY;
            for (int t = tMin; t <= tMax; t++) {
                best = Math.min(best, f[t] + costs.band[base + t]);
            }
            f[l] = best + beta;
        }
        return f[n];
    }

    /** cpd_auto's penalty for m change points among n steps (descriptor rate 1). */
    static double penalty(int m, int n, double vmax) {
        if (m == 0) {
            return 0;
        }
        return vmax * m / (2.0 * n) * (Math.log((double) n / m) + 1);
    }

    private double penalty(int m, int n) {
        return penalty(m, n, vmax);
    }

    /** Rows scaled to unit length (zero rows stay zero), in double precision. */
    static double[][] normalise(float[][] features) {
        double[][] out = new double[features.length][];
        int d = features.length == 0 ? 0 : features[0].length;
        for (int i = 0; i < features.length; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("feature " + i + " has " + features[i].length
                        + " values, feature 0 has " + d);
            }
            double norm = 0;
            for (float v : features[i]) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            out[i] = new double[d];
            for (int j = 0; j < d; j++) {
                out[i][j] = norm > 0 ? features[i][j] / norm : 0;
            }
        }
        return out;
    }

    /**
     * Scatter of every segment {@code [t, l)} with {@code 1 <= l - t <= maxLength}, stored as a band in which,
     * for a fixed end {@code l}, increasing starts {@code t} are adjacent: {@code band[rowBase(l) + t]}.
     */
    static final class Costs {
        final int n;
        final int maxLength;
        final double[] band;

        private Costs(int n, int maxLength, double[] band) {
            this.n = n;
            this.maxLength = maxLength;
            this.band = band;
        }

        int rowBase(int l) {
            return l * maxLength + maxLength - l;
        }

        double cost(int t, int l) {
            return band[rowBase(l) + t];
        }

        static Costs of(double[][] x, int maxLength) {
            int n = x.length;
            int len = Math.max(1, maxLength);
            double[] rowPrefix = kernelRowPrefix(x, len);
            double[] diag = new double[n];
            for (int a = 0; a < n; a++) {
                diag[a] = rowPrefix[a * len]; // slot 0 holds K[a][a]
            }
            double[] band = new double[(n + 1) * len];
            for (int l = 1; l <= n; l++) {
                double block = 0;   // sum of K over [t, l) x [t, l)
                double diagSum = 0; // sum of K[i][i] over [t, l)
                int base = l * len + len - l;
                for (int t = l - 1; t >= Math.max(0, l - len); t--) {
                    // adding step t: its diagonal and twice its row to the right inside the segment
                    double right = l - 1 - t == 0 ? 0 : rowPrefix[t * len + (l - 1 - t)] - diag[t];
                    block += diag[t] + 2 * right;
                    diagSum += diag[t];
                    double scatter = diagSum - block / (l - t);
                    band[base + t] = Math.max(0, scatter); // >= 0 in exact arithmetic
                }
            }
            return new Costs(n, len, band);
        }

        /**
         * {@code out[a * len + j] = sum_{i=0..j} K[a][a + i]} for {@code j < len}. Computed feature-major
         * (row {@code a} of the kernel accumulates {@code x[a][d] * x[a + j][d]} over d as a vector update),
         * which the JIT turns into SIMD code; rows run in parallel.
         */
        private static double[] kernelRowPrefix(double[][] x, int len) {
            int n = x.length;
            int d = n == 0 ? 0 : x[0].length;
            double[] featureMajor = new double[d * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    featureMajor[j * n + i] = x[i][j];
                }
            }
            double[] out = new double[n * len];
            int block = 16;
            // rows a0 .. a0+15 together: each feature row's window is read once and reused 16 times
            java.util.function.IntConsumer rows = blockIndex -> {
                int a0 = blockIndex * block;
                int count = Math.min(block, n - a0);
                double[][] acc = new double[count][];
                for (int b = 0; b < count; b++) {
                    acc[b] = new double[Math.min(len, n - a0 - b)];
                }
                for (int j = 0; j < d; j++) {
                    int base = j * n + a0;
                    for (int b = 0; b < count; b++) {
                        double s = featureMajor[base + b];
                        if (s == 0) {
                            continue;
                        }
                        double[] row = acc[b];
                        int from = base + b;
                        for (int i = 0; i < row.length; i++) {
                            row[i] += s * featureMajor[from + i];
                        }
                    }
                }
                for (int b = 0; b < count; b++) {
                    double sum = 0;
                    int a = a0 + b;
                    for (int i = 0; i < acc[b].length; i++) {
                        sum += acc[b][i];
                        out[a * len + i] = sum;
                    }
                }
            };
            int blocks = (n + block - 1) / block;
            if ((long) n * len * d >= 50_000_000L) {
                java.util.stream.IntStream.range(0, blocks).parallel().forEach(rows);
            } else {
                for (int bi = 0; bi < blocks; bi++) {
                    rows.accept(bi);
                }
            }
            return out;
        }
    }
}
