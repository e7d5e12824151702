package sspvs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowedScorerTest {
    private static final SummarizerSpec SPEC = new SummarizerSpec(4, 2, 8, 1, 2, 0.1f, 0.1f, 0.1f);

    private static float[][] features(int steps) {
        Random r = new Random(1);
        float[][] x = new float[steps][4];
        for (float[] row : x) {
            for (int j = 0; j < 4; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void aVideoThatFitsIsScoredInOnePassExactlyAsPredict() {
        float[][] x = features(40);
        try (NDManager m = NDManager.newBaseManager(); ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, m, 3)) {
            assertArrayEquals(model.predict(x), new WindowedScorer(40, 20).score(model, x));
        }
    }

    @Test
    void windowsCoverEveryStepAndTheLastEndsAtTheEnd() {
        WindowedScorer w = new WindowedScorer(100, 40);
        assertArrayEquals(new int[] {0}, w.windowStarts(100));
        assertArrayEquals(new int[] {0, 40, 80, 120, 150}, w.windowStarts(250));
        assertThrows(IllegalArgumentException.class, () -> new WindowedScorer(SummarizerSpec.MAX_LENGTH, 10));
    }

    @Test
    void windowedScoresAreWeightedMeansOfTheWindowsScores() {
        float[][] x = features(30);
        try (NDManager m = NDManager.newBaseManager(); ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, m, 3)) {
            float[] windowed = new WindowedScorer(20, 10).score(model, x); // windows [0,20) and [10,30)
            float[] a = model.predict(Arrays.copyOfRange(x, 0, 20));
            float[] b = model.predict(Arrays.copyOfRange(x, 10, 30));
            assertEquals(a[3], windowed[3], 1e-6, "covered by the first window only");
            assertEquals(b[15], windowed[25], 1e-6, "covered by the second window only");
            // step 12: index 12 in the first window (weight min(13, 8) = 8), index 2 in the second (weight 3)
            assertEquals((8 * a[12] + 3 * b[2]) / 11, windowed[12], 1e-6);
        }
    }

    @Test
    void anHourLongVideoBeyondThePositionalTableIsScored() {
        float[][] x = features(7200); // 1 hour at 2 samples per second: more than the table's 5,000 rows
        try (NDManager m = NDManager.newBaseManager(); ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, m, 3)) {
            assertThrows(IllegalArgumentException.class, () -> model.predict(x), "one pass cannot take it");
            float[] s = new WindowedScorer().score(model, x);
            assertEquals(7200, s.length);
            for (float v : s) {
                assertTrue(v > 0 && v < 1, "a product of sigmoids: " + v);
            }
        }
    }
}
