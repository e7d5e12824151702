package sspvs.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextInputBuilderTest {
    private static final long CLS = 101;
    private static final long SEP = 102;
    private static final long PAD = 0;

    private final VideoTextInfo info = new VideoTextInfo("video_1",
            new long[] {11, 12}, new long[] {21}, new long[] {31, 32, 33, 34}, new long[] {41, 42, 43, 44, 45, 46});

    @Test
    void trainingCutsToTheFirstIdsOrPadsEachPart() {
        TextInputBuilder builder = new TextInputBuilder(CLS, SEP, PAD, new TextInputBuilder.Limits(1, 3, 10, 15));
        long[] expected = {CLS, 11, SEP, 21, PAD, PAD, SEP, 31, 32, 33, 34, PAD, PAD, PAD, PAD, PAD, PAD, SEP};
        assertArrayEquals(expected, builder.forTraining(info));
        assertEquals(expected.length, builder.trainingLength());
    }

    @Test
    void evaluationUsesThePartsWhole() {
        TextInputBuilder builder = new TextInputBuilder(CLS, SEP, PAD, new TextInputBuilder.Limits(1, 3, 2, 15));
        assertArrayEquals(new long[] {CLS, 11, 12, SEP, 21, SEP, 31, 32, 33, 34, SEP}, builder.forEvaluation(info));
    }

    @Test
    void selfSupervisedCropsARandomWindowOfEachLongPart() {
        TextInputBuilder builder = new TextInputBuilder(CLS, SEP, PAD, new TextInputBuilder.Limits(2, 2, 2, 3));
        Random random = new Random(4);
        Set<Long> descriptionStarts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long[] in = builder.forSelfSupervised(info, random);
            assertEquals(builder.selfSupervisedLength(), in.length);
            assertEquals(CLS, in[0]);
            assertArrayEquals(new long[] {11, 12}, new long[] {in[1], in[2]}, "part as long as its limit: whole");
            assertArrayEquals(new long[] {21, PAD}, new long[] {in[4], in[5]}, "short part: padded");
            assertEquals(in[7] + 1, in[8], "title window is contiguous");
            assertTrue(in[7] >= 31 && in[8] <= 34);
            assertEquals(in[10] + 1, in[11]);
            assertEquals(in[11] + 1, in[12]);
            descriptionStarts.add(in[10]);
            assertEquals(SEP, in[3]);
            assertEquals(SEP, in[6]);
            assertEquals(SEP, in[9]);
            assertEquals(SEP, in[13]);
        }
        assertEquals(Set.of(41L, 42L, 43L, 44L), descriptionStarts, "every window start 0..len-max occurs");
    }

    @Test
    void selfSupervisedNeedsADescription() {
        TextInputBuilder builder = new TextInputBuilder(CLS, SEP, PAD, new TextInputBuilder.Limits(2, 2, 5, 50));
        VideoTextInfo noDescription = new VideoTextInfo("v", new long[] {1}, new long[] {2}, new long[] {3}, null);
        assertThrows(IllegalArgumentException.class, () -> builder.forSelfSupervised(noDescription, new Random(1)));
    }

    @Test
    void referenceSelfSupervisedConfigGivesSixtyFourTokens() {
        // ssl/ssl.yaml: max_cat 2, max_query 2, max_title 5, max_desc 50 -> 59 ids + [CLS] + 4 [SEP]
        assertEquals(64, new TextInputBuilder(CLS, SEP, PAD, new TextInputBuilder.Limits(2, 2, 5, 50)).selfSupervisedLength());
    }
}
