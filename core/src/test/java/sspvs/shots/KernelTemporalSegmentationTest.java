package sspvs.shots;

import sspvs.data.Shots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import sspvs.shots.KernelTemporalSegmentation.Segmentation;

class KernelTemporalSegmentationTest {

    /** Scatter of steps [a, b) from the definition: squared distances to the mean of unit vectors. */
    private static double scatter(double[][] x, int a, int b) {
        int d = x[0].length;
        double[] mean = new double[d];
        for (int i = a; i < b; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i][j] / (b - a);
            }
        }
        double s = 0;
        for (int i = a; i < b; i++) {
            for (int j = 0; j < d; j++) {
                s += (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
            }
        }
        return s;
    }

    /** Best segmentation by enumerating every subset of change points; fixedM < 0 = penalised choice. */
    private static int[] bruteForce(float[][] f, int fixedM, int lMin, int lMax, double vmax) {
        double[][] x = KernelTemporalSegmentation.normalise(f);
        int n = x.length;
        double best = Double.POSITIVE_INFINITY;
        int[] bestCps = null;
        // ascending masks with strict < keep the first optimum; break ties as the programme does below
        for (int mask = 0; mask < 1 << (n - 1); mask++) {
            int m = Integer.bitCount(mask);
            if (fixedM >= 0 && m != fixedM) {
                continue;
            }
            int[] cps = new int[m];
            int k = 0;
            for (int i = 1; i < n; i++) {
                if ((mask >> (i - 1) & 1) != 0) {
                    cps[k++] = i;
                }
            }
            double total = 0;
            int start = 0;
            boolean ok = true;
            for (int s = 0; s <= m; s++) {
                int end = s == m ? n : cps[s];
                if (end - start < lMin || end - start > lMax) {
                    ok = false;
                    break;
                }
                total += scatter(x, start, end);
                start = end;
            }
            if (!ok) {
                continue;
            }
            double value = fixedM >= 0 ? total : total / n + KernelTemporalSegmentation.penalty(m, n, vmax);
            if (value < best - 1e-12) {
                best = value;
                bestCps = cps;
            }
        }
        return bestCps;
    }

    private static float[][] randomFeatures(Random rnd, int n, int d, int shots) {
        float[][] centres = new float[shots][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) Math.abs(rnd.nextGaussian());
            }
        }
        float[][] f = new float[n][d];
        for (int i = 0; i < n; i++) {
            float[] c = centres[Math.min(shots - 1, i * shots / n)];
            for (int j = 0; j < d; j++) {
                f[i][j] = (float) Math.abs(c[j] + 0.6 * rnd.nextGaussian());
            }
        }
        return f;
    }

    @Test
    void penalisedChoiceEqualsBruteForceOnSmallInputs() {
        Random rnd = new Random(7);
        int withCuts = 0;
        for (int trial = 0; trial < 60; trial++) {
            int n = 2 + rnd.nextInt(10);
            float[][] f = randomFeatures(rnd, n, 3, 1 + rnd.nextInt(4));
            double vmax = trial % 3 == 0 ? 1.0 : 0.05 + rnd.nextDouble() * 0.5; // vmax 1 often picks m = 0 on tiny n
            Segmentation seg = new KernelTemporalSegmentation().vmax(vmax).segment(f);
            assertArrayEquals(bruteForce(f, -1, 1, n, vmax), seg.changePoints(), "trial " + trial + ", n " + n);
            withCuts += seg.changePoints().length > 0 ? 1 : 0;
        }
        assertTrue(withCuts >= 20 && withCuts <= 55, "the trials should mix cut and uncut cases: " + withCuts);
    }

    @Test
    void lengthBoundsEqualBruteForceWithTheSameBounds() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 40; trial++) {
            int n = 4 + rnd.nextInt(9);
            int lMin = 1 + rnd.nextInt(2);
            int lMax = lMin + 1 + rnd.nextInt(3);
            float[][] f = randomFeatures(rnd, n, 4, 2 + rnd.nextInt(3));
            int[] expected = bruteForce(f, -1, lMin, lMax, 0.2);
            Segmentation seg = new KernelTemporalSegmentation().vmax(0.2).minSegmentSteps(lMin)
                    .maxSegmentSteps(lMax).segment(f);
            assertArrayEquals(expected, seg.changePoints(), "trial " + trial);
        }
    }

    @Test
    void fixedNumberOfChangePointsEqualsBruteForce() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            int n = 3 + rnd.nextInt(9);
            float[][] f = randomFeatures(rnd, n, 5, 3);
            int m = rnd.nextInt(n);
            Segmentation seg = new KernelTemporalSegmentation().segment(f, m);
            assertArrayEquals(bruteForce(f, m, 1, n, 1), seg.changePoints(), "trial " + trial);
        }
    }

    @Test
    void earlyStopChoosesWhatEvaluatingEveryCountChooses() {
        Random rnd = new Random(5);
        int stoppedEarly = 0;
        for (int trial = 0; trial < 8; trial++) {
            int n = 40 + rnd.nextInt(50);
            float[][] f = randomFeatures(rnd, n, 16, 3 + rnd.nextInt(10));
            double vmax = trial % 2 == 0 ? 1.0 : 0.1 + rnd.nextDouble();
            int lMax = trial % 3 == 0 ? 12 : Integer.MAX_VALUE;
            KernelTemporalSegmentation kts = new KernelTemporalSegmentation().vmax(vmax).maxSegmentSteps(lMax);
            Segmentation auto = kts.segment(f);
            double best = Double.POSITIVE_INFINITY;
            int[] bestCps = null;
            for (int m = 0; m < n; m++) {
                Segmentation fixed;
                try {
                    fixed = kts.segment(f, m);
                } catch (IllegalArgumentException tooFewForTheBound) {
                    continue;
                }
                double value = fixed.scatter() / n + KernelTemporalSegmentation.penalty(m, n, vmax);
                if (value < best) {
                    best = value;
                    bestCps = fixed.changePoints();
                }
            }
            assertArrayEquals(bestCps, auto.changePoints(), "trial " + trial);
            stoppedEarly += auto.criterion().length < n ? 1 : 0;
        }
        assertTrue(stoppedEarly >= 6, "the early stop should usually cut the search short: " + stoppedEarly);
    }

    @Test
    void findsPiecewiseConstantShotsExactly() {
        Random rnd = new Random(1);
        int[] lengths = {12, 5, 30, 8, 20, 3, 40};
        int n = java.util.Arrays.stream(lengths).sum();
        float[][] f = new float[n][];
        int t = 0;
        int[] expected = new int[lengths.length - 1];
        for (int s = 0; s < lengths.length; s++) {
            float[] centre = new float[64];
            for (int j = 0; j < 64; j++) {
                centre[j] = (float) Math.abs(rnd.nextGaussian());
            }
            for (int i = 0; i < lengths[s]; i++) {
                float[] x = centre.clone();
                for (int j = 0; j < 64; j++) {
                    x[j] += (float) (0.1 * rnd.nextGaussian());
                }
                f[t + i] = x;
            }
            t += lengths[s];
            if (s < expected.length) {
                expected[s] = t;
            }
        }
        assertArrayEquals(expected, new KernelTemporalSegmentation().segment(f).changePoints());
        // a bound on segment length above the longest shot changes nothing
        assertArrayEquals(expected, new KernelTemporalSegmentation().maxSegmentSteps(45).segment(f).changePoints());
    }

    @Test
    void boundedSegmentLengthSplitsLongShots() {
        float[][] f = new float[50][];
        for (int i = 0; i < 50; i++) {
            f[i] = new float[] {1, 0, 0};
        }
        Segmentation seg = new KernelTemporalSegmentation().maxSegmentSteps(20).segment(f);
        for (int s = 0; s < seg.segmentCount(); s++) {
            int[] r = seg.segment(s);
            assertTrue(r[1] - r[0] + 1 <= 20, "segment " + s + " too long");
        }
        assertEquals(0, new KernelTemporalSegmentation().segment(f).changePoints().length);
    }

    @Test
    void shotsMapStepsToInclusiveFrameRanges() {
        Segmentation seg = new Segmentation(6, new int[] {2, 5}, 0, new double[0]);
        int[] picks = {0, 15, 30, 45, 60, 75};
        Shots shots = seg.toShots(picks, 88);
        assertArrayEquals(new int[][] {{0, 29}, {30, 74}, {75, 87}}, shots.changePoints());
        assertArrayEquals(new int[] {30, 45, 13}, shots.nFramePerSeg());
    }

    @Test
    void shotsSkipStepsThatShareAFrame() {
        Segmentation seg = new Segmentation(4, new int[] {1, 2}, 0, new double[0]);
        Shots shots = seg.toShots(new int[] {0, 10, 10, 20}, 25);
        assertArrayEquals(new int[][] {{0, 9}, {10, 24}}, shots.changePoints());
    }

    @Test
    void impossibleFixedCountIsRejected() {
        float[][] f = new float[5][2];
        assertThrows(IllegalArgumentException.class, () -> new KernelTemporalSegmentation().segment(f, 5));
        assertThrows(IllegalArgumentException.class,
                () -> new KernelTemporalSegmentation().maxSegmentSteps(2).segment(f, 1));
    }

    @Test
    void emptyAndSingleStepInputs() {
        assertEquals(1, new KernelTemporalSegmentation().segment(new float[0][]).segmentCount());
        assertEquals(0, new KernelTemporalSegmentation().segment(new float[][] {{1, 2}}).changePoints().length);
    }

    @Test
    void benchmarkReportsATimeAndFindsTheShots() {
        KtsBenchmark.Result r = KtsBenchmark.run(400);
        assertEquals(400, r.steps());
        assertTrue(r.seconds() >= 0);
        assertTrue(r.exactCuts() >= (r.trueShots() - 1) * 9 / 10, r.toString());
    }
}
