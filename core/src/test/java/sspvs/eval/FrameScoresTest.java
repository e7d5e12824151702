package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FrameScoresTest {

    @Test
    void eachStepScoreHoldsUntilTheNextPickAndTheLastRunsToTheEnd() {
        float[] frames = FrameScores.upsample(new float[] {0.1f, 0.2f, 0.3f}, new int[] {0, 3, 5}, 8);
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.2f, 0.2f, 0.3f, 0.3f, 0.3f}, frames);
    }

    @Test
    void framesBeforeTheFirstPickAndPicksWithoutScoreGetZero() {
        float[] frames = FrameScores.upsample(new float[] {0.5f}, new int[] {2, 4}, 6);
        assertArrayEquals(new float[] {0, 0, 0.5f, 0.5f, 0, 0}, frames);
    }

    @Test
    void extraStepScoresAndPicksPastTheEndAreIgnored() {
        float[] frames = FrameScores.upsample(new float[] {1, 2, 3, 4}, new int[] {0, 2, 5}, 4);
        assertArrayEquals(new float[] {1, 1, 2, 2}, frames);
    }

    @Test
    void descendingPicksAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> FrameScores.upsample(new float[] {1, 2}, new int[] {3, 1}, 5));
    }

    @Test
    void upsampleMatchesTheReferenceOnGeneratedCases() {
        for (JsonNode c : ReferenceValues.get("upsample")) {
            float[] got = FrameScores.upsample(ReferenceValues.floats(c.get("scores")),
                    ReferenceValues.ints(c.get("picks")), c.get("n_frames").asInt());
            assertArrayEquals(ReferenceValues.floats(c.get("frames")), got);
        }
    }

    @Test
    void shotMeansEqualNumpyFloat32MeanBitForBit() {
        for (JsonNode c : ReferenceValues.get("float32_means")) {
            float[] values = ReferenceValues.floats(c.get("values"));
            float mean = FrameScores.shotMeans(values, new int[][] {{0, values.length - 1}})[0];
            assertEquals((float) c.get("mean").asDouble(), mean, 0f, "length " + values.length);
        }
    }

    @Test
    void shotMeansUseInclusiveRangesAndClipAtTheLastFrame() {
        float[] frames = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new float[] {2f, 5f, 6f, 0f},
                FrameScores.shotMeans(frames, new int[][] {{0, 2}, {3, 5}, {5, 9}, {7, 9}}));
    }
}
