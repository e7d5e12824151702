package sspvs.summarize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sspvs.eval.Summary;
import sspvs.eval.SummaryBuilder;

/** summarize chooses shots on scores relative to the best one, so tiny raw scores still give a full summary. */
class RelativeScoresForSelectionTest {
    // 10 shots of 10 frames; the budget (15% of 100 frames) holds one shot, two with ratio 0.2
    private static final int[][] SHOTS = new int[10][];
    private static final int[] LENGTHS = new int[10];

    static {
        for (int s = 0; s < 10; s++) {
            SHOTS[s] = new int[] {10 * s, 10 * s + 9};
            LENGTHS[s] = 10;
        }
    }

    private static float[] frames(float... shotScores) {
        float[] f = new float[100];
        for (int i = 0; i < 100; i++) {
            f[i] = shotScores[i / 10];
        }
        return f;
    }

    @Test
    void tinyScoresThatTruncateToZeroStillChooseTheBestShots() {
        float[] raw = frames(1e-5f, 2e-5f, 9e-5f, 3e-5f, 8e-5f, 1e-5f, 2e-5f, 1e-5f, 4e-5f, 5e-5f);
        SummaryBuilder builder = new SummaryBuilder(0.2);

        Summary onRaw = builder.build(raw, SHOTS, LENGTHS, 100);
        Summary onRelative = builder.build(VideoSummarizer.relativeToBest(raw), SHOTS, LENGTHS, 100);

        // x1000 truncation makes every raw value 0: the reference's rule then keeps shot 0 alone
        assertTrue(onRaw.selectedShots()[0]);
        assertEquals(10, onRaw.selectedFrames());
        // rescaled, the two best shots (2 and 4) fill the 20-frame budget
        boolean[] expected = new boolean[10];
        expected[2] = true;
        expected[4] = true;
        assertArrayEquals(expected, onRelative.selectedShots());
        assertEquals(20, onRelative.selectedFrames());
    }

    @Test
    void rescalingKeepsRatiosAndLeavesAllZeroScoresAlone() {
        float[] scaled = VideoSummarizer.relativeToBest(new float[] {0.2f, 0.5f, 0.1f});
        assertArrayEquals(new float[] {0.4f, 1f, 0.2f}, scaled, 1e-6f);
        float[] zeros = new float[5];
        assertSame(zeros, VideoSummarizer.relativeToBest(zeros));
    }
}
