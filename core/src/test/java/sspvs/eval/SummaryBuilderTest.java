package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SummaryBuilderTest {

    @Test
    void keepsTheBestShotsWithinTheRatioOfFrames() {
        float[] frames = {0.2f, 0.2f, 0.9f, 0.9f, 0.9f, 0.5f, 0.5f, 0.1f, 0.1f, 0.1f};
        Summary s = new SummaryBuilder(0.5).build(frames, new int[][] {{0, 1}, {2, 4}, {5, 6}, {7, 9}},
                new int[] {2, 3, 2, 3}, 10);
        assertEquals(5, s.capacity());
        assertArrayEquals(new boolean[] {false, true, true, false}, s.selectedShots());
        assertArrayEquals(new boolean[] {false, false, true, true, true, true, true, false, false, false}, s.frames());
        assertEquals(5, s.selectedFrames());
    }

    @Test
    void frameFlagsConcatenateSegmentLengthsEvenWhereTheyDisagreeWithChangePoints() {
        // segment lengths (3, 1) do not match the ranges [0,1] [2,3]: the flags follow the lengths, as the reference
        float[] frames = {0.1f, 0.1f, 0.9f, 0.9f};
        Summary s = new SummaryBuilder(0.25).build(frames, new int[][] {{0, 1}, {2, 3}}, new int[] {3, 1}, 4);
        assertArrayEquals(new boolean[] {false, true}, s.selectedShots());
        assertArrayEquals(new boolean[] {false, false, false, true}, s.frames());
    }

    @Test
    void capacityIsTheFloorOfTheRatio() {
        assertEquals(1499, new SummaryBuilder().capacity(9999));
        assertEquals(375, new SummaryBuilder().capacity(2500));
    }
}
