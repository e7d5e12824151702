package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sspvs.model.ssl.SelfSupervisedModel;

/** The self-supervised loss against values worked out by hand on 2-d vectors, and Hausdorff against brute force. */
class SslLossTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    // entry 0: frames e1·2, e2·3 vs words e1·5 (twice): distances 0 and √2 -> hd = √2 (frames to words)
    // entry 1: frames (1,1), (1,−1) vs words e2·2, e1·3: all nearest distances |(1,1)/√2 − e1| = √(2−√2)
    private static final float[] FRAMES = {2, 0, 0, 3, 1, 1, 1, -1};
    private static final float[] WORDS = {5, 0, 5, 0, 0, 2, 3, 0};
    private static final float HD0 = (float) Math.sqrt(2);
    private static final float HD1 = (float) Math.sqrt(2 - Math.sqrt(2));

    @Test
    void hausdorffMatchesHandComputedDistances() {
        NDArray x = manager.create(FRAMES, new Shape(2, 2, 2));
        NDArray y = manager.create(WORDS, new Shape(2, 2, 2));
        assertArrayEquals(new float[] {HD0, HD1}, SslLoss.hausdorff(x, y).toFloatArray(), 1e-5f);
        // symmetric in its arguments
        assertArrayEquals(new float[] {HD0, HD1}, SslLoss.hausdorff(y, x).toFloatArray(), 1e-5f);
    }

    @Test
    void hausdorffEqualsBruteForceOnRandomSets() {
        Random random = new Random(3);
        int b = 3;
        int lx = 7;
        int ly = 4;
        int d = 5;
        float[] xs = gaussian(random, b * lx * d);
        float[] ys = gaussian(random, b * ly * d);
        float[] got = SslLoss.hausdorff(manager.create(xs, new Shape(b, lx, d)), manager.create(ys, new Shape(b, ly, d)))
                .toFloatArray();
        for (int i = 0; i < b; i++) {
            double[][] dist = new double[lx][ly];
            for (int p = 0; p < lx; p++) {
                for (int q = 0; q < ly; q++) {
                    dist[p][q] = distance(unit(xs, (i * lx + p) * d, d), unit(ys, (i * ly + q) * d, d));
                }
            }
            double xToY = 0;
            for (int p = 0; p < lx; p++) {
                double m = Double.MAX_VALUE;
                for (int q = 0; q < ly; q++) {
                    m = Math.min(m, dist[p][q]);
                }
                xToY = Math.max(xToY, m);
            }
            double yToX = 0;
            for (int q = 0; q < ly; q++) {
                double m = Double.MAX_VALUE;
                for (int p = 0; p < lx; p++) {
                    m = Math.min(m, dist[p][q]);
                }
                yToX = Math.max(yToX, m);
            }
            assertEquals(Math.max(xToY, yToX), got[i], 1e-5);
        }
    }

    @Test
    void lossTermsMatchHandComputedValues() {
        try (NDManager m = manager.newSubManager()) {
            SelfSupervisedModel.Output out = new SelfSupervisedModel.Output(
                    m.create(new float[] {1, 2, 0, 0}, new Shape(2, 2)),
                    m.create(new float[] {0f, (float) Math.log(3)}), // p = 0.5 and 0.75
                    m.create(FRAMES, new Shape(2, 2, 2)),
                    m.create(WORDS, new Shape(2, 2, 2)));
            NDArray target = m.create(new float[] {0, 0, 1, 1}, new Shape(2, 2));
            NDArray labels = m.create(new float[] {1, 0});
            SslLoss.Terms terms = SslLoss.reference().compute(out, target, labels);
            double bce = (-Math.log(0.5) - Math.log(0.25)) / 2; // 1.0397
            double mse = (1 + 4 + 1 + 1) / 4.0; // 1.75
            double push = Math.max(0, 1.414 - HD1);
            double contrast = (HD0 * HD0 + push * push) / 2; // matched pair pulled, unmatched pushed to the margin
            assertEquals(bce, terms.bce().getFloat(), 1e-5);
            assertEquals(mse, terms.mse().getFloat(), 1e-6);
            assertEquals(contrast, terms.contrast().getFloat(), 1e-5);
            assertEquals(bce + 5 * mse + contrast, terms.total().getFloat(), 1e-4);
        }
    }

    @Test
    void bceStaysFiniteForExtremeLogits() {
        NDArray logits = manager.create(new float[] {-200f, 200f, 200f});
        NDArray labels = manager.create(new float[] {0f, 1f, 0f});
        float value = SslLoss.bceWithLogits(logits, labels).getFloat();
        assertEquals(200.0 / 3, value, 1e-3); // only the confidently wrong entry costs (200)
    }

    @Test
    void gradientIsFiniteWhenFramesEqualWords() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(new float[] {1, 0, 0, 1}, new Shape(1, 2, 2));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray hd = SslLoss.hausdorff(x, m.create(new float[] {1, 0, 0, 1}, new Shape(1, 2, 2)));
                gc.backward(hd.sum());
            }
            for (float g : x.getGradient().toFloatArray()) {
                assertTrue(Float.isFinite(g), "gradient " + g);
            }
        }
    }

    @Test
    void accuracyCountsProbabilityAboveOneHalfAsMatching() {
        assertEquals(0.75, SslLoss.accuracy(new float[] {0.1f, -2f, 0f, 3f}, new float[] {1, 0, 1, 1}), 1e-12);
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double[] unit(float[] a, int offset, int d) {
        double norm = 0;
        for (int j = 0; j < d; j++) {
            norm += a[offset + j] * a[offset + j];
        }
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = a[offset + j] / Math.sqrt(norm);
        }
        return u;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
