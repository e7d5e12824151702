package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sspvs.text.TextInputBuilder;
import sspvs.text.VideoTextInfo;

/** Drawing self-supervised examples: crops and padding, masks, matched and unmatched text, epochs. */
class SslSamplesTest {
    private static final int D = 3;
    private static final TextInputBuilder TEXT = new TextInputBuilder(101, 102, 0,
            new TextInputBuilder.Limits(2, 2, 5, 50));

    /** Videos v0..v(n−1) of lengths given; frame t of video i is (i, t, 1); text ids encode the video index. */
    static VideoTextSource memory(int... lengths) {
        Map<String, float[][]> features = new LinkedHashMap<>();
        Map<String, VideoTextInfo> texts = new LinkedHashMap<>();
        for (int i = 0; i < lengths.length; i++) {
            float[][] f = new float[lengths[i]][];
            for (int t = 0; t < lengths[i]; t++) {
                f[t] = new float[] {i, t, 1};
            }
            String id = "v" + i;
            features.put(id, f);
            long mark = 2000 + i;
            texts.put(id, new VideoTextInfo(id, new long[] {mark}, new long[] {mark}, new long[] {mark, mark},
                    new long[] {mark, mark, mark}));
        }
        List<String> ids = new ArrayList<>(features.keySet());
        return new VideoTextSource() {
            public float[][] features(String video) {
                return features.get(video);
            }

            public VideoTextInfo text(String video) {
                return texts.get(video);
            }

            public List<String> trainIds() {
                return ids;
            }

            public List<String> valIds() {
                return List.of();
            }
        };
    }

    @Test
    void shortVideosAreZeroPaddedAtTheEndAndLongOnesCropped() {
        VideoTextSource source = memory(4, 30);
        SslSamples samples = new SslSamples(source, TEXT, 10);
        Random random = new Random(1);
        for (int k = 0; k < 50; k++) {
            SslSamples.Sample s = samples.sample("v0", source.trainIds(), random);
            assertEquals(10, s.features().length);
            for (int t = 0; t < 10; t++) {
                float[] expected = t < 4 ? new float[] {0, t, 1} : new float[D];
                assertArrayEquals(expected, s.features()[t]);
            }
            SslSamples.Sample c = samples.sample("v1", source.trainIds(), random);
            float start = c.features()[0][1];
            assertTrue(start >= 0 && start <= 20);
            for (int t = 0; t < 10; t++) {
                assertEquals(start + t, c.features()[t][1]); // one contiguous window
            }
        }
    }

    @Test
    void theMaskedPositionIsUniformOverTheWindowPaddingIncluded() {
        VideoTextSource source = memory(4, 30);
        SslSamples samples = new SslSamples(source, TEXT, 10);
        Random random = new Random(2);
        int[] counts = new int[10];
        for (int k = 0; k < 2000; k++) {
            SslSamples.Sample s = samples.sample("v0", source.trainIds(), random);
            counts[s.maskedPosition()]++;
            assertArrayEquals(s.features()[s.maskedPosition()], s.maskedFrame());
        }
        for (int c : counts) {
            assertTrue(c > 140 && c < 260, "counts " + java.util.Arrays.toString(counts));
        }
        assertTrue(counts[9] > 0); // position 9 is padding for a 4-step video: zeros to predict
    }

    @Test
    void halfTheExamplesCarryAnotherVideosText() {
        VideoTextSource source = memory(5, 5, 5, 5);
        SslSamples samples = new SslSamples(source, TEXT, 5);
        Random random = new Random(3);
        int unmatched = 0;
        int n = 2000;
        for (int k = 0; k < n; k++) {
            SslSamples.Sample s = samples.sample("v2", source.trainIds(), random);
            assertEquals(TEXT.selfSupervisedLength(), s.textIds().length);
            long mark = s.textIds()[1]; // first category id
            if (s.label() == 1) {
                assertEquals("v2", s.textVideo());
                assertEquals(2002, mark);
            } else {
                unmatched++;
                assertNotEquals("v2", s.textVideo());
                assertEquals(2000 + Integer.parseInt(s.textVideo().substring(1)), mark);
            }
        }
        assertEquals(0.5, unmatched / (double) n, 0.04);
    }

    @Test
    void equalSeedsDrawEqualExamples() {
        VideoTextSource source = memory(7, 12, 3);
        SslSamples samples = new SslSamples(source, TEXT, 6);
        SslSamples.Batch a = samples.batch(List.of("v0", "v1", "v2"), source.trainIds(), new Random(9));
        SslSamples.Batch b = samples.batch(List.of("v0", "v1", "v2"), source.trainIds(), new Random(9));
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.maskedPositions(), b.maskedPositions());
        assertArrayEquals(a.labels(), b.labels());
        assertArrayEquals(a.textIds(), b.textIds());
        assertEquals(3 * 6 * D, a.features().length);
    }

    @Test
    void anEpochVisitsTheListRepeatedInOrder() {
        List<List<String>> batches = SslSamples.epochBatches(List.of("a", "b", "c"), 8, 5);
        assertEquals(5, batches.size()); // 24 examples: 4 full batches and one of 4
        assertEquals(List.of("a", "b", "c", "a", "b"), batches.get(0));
        assertEquals(4, batches.get(4).size());
    }
}
