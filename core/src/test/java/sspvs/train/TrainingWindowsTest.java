package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sspvs.data.VideoRecord;

class TrainingWindowsTest {
    private static final List<VideoRecord> VIDEOS = List.of(
            SyntheticVideos.make(1, 5, 5, 3, 1).get(0), // shorter than the window: padded
            SyntheticVideos.make(1, 20, 20, 3, 2).get(0), // longer: cropped
            SyntheticVideos.make(1, 8, 8, 3, 3).get(0)); // exactly the window: "cropped" at 0

    @Test
    void repeatsTheKeyListAndBatchesInOrderWithASmallerLastBatch() {
        TrainingWindows windows = new TrainingWindows(8, 4, 2);
        List<TrainingWindows.Batch> batches = windows.epoch(VIDEOS, new Random(1));
        assertEquals(2, batches.size());
        assertEquals(2, windows.batchesPerEpoch(3));
        assertEquals(4, batches.get(0).size());
        assertEquals(2, batches.get(1).size());
        // order a b c a | b c: the 4th sample is video a again (padded: its first row is a's first row)
        assertSame(VIDEOS.get(0).features()[0], batches.get(0).features()[3][0]);
        assertSame(VIDEOS.get(2).features()[0], batches.get(1).features()[1][0]);
    }

    @Test
    void padsShortVideosWithZerosInFeaturesAndGtscore() {
        TrainingWindows.Batch b = new TrainingWindows(8, 1, 1).epoch(VIDEOS.subList(0, 1), new Random(1)).get(0);
        assertEquals(8, b.features()[0].length);
        assertArrayEquals(new float[3], b.features()[0][7]);
        assertEquals(VIDEOS.get(0).gtscore()[4], b.gtscore()[0][4]);
        assertEquals(0f, b.gtscore()[0][5]);
    }

    @Test
    void cropsLongVideosToAContiguousWindowDrawnFromTheSeed() {
        VideoRecord longVideo = VIDEOS.get(1);
        TrainingWindows windows = new TrainingWindows(8, 1, 1);
        int expectedStart = new Random(42).nextInt(20 - 8 + 1);
        TrainingWindows.Batch b = windows.epoch(List.of(longVideo), new Random(42)).get(0);
        for (int i = 0; i < 8; i++) {
            assertSame(longVideo.features()[expectedStart + i], b.features()[0][i]);
            assertEquals(longVideo.gtscore()[expectedStart + i], b.gtscore()[0][i]);
        }
        boolean differs = false;
        for (int seed = 0; seed < 20 && !differs; seed++) {
            differs = windows.epoch(List.of(longVideo), new Random(seed)).get(0).features()[0][0]
                    != b.features()[0][0];
        }
        assertTrue(differs, "crop start varies with the seed");
    }

    @Test
    void onlyCropsDrawFromTheRandomSource() {
        Random used = new Random(9);
        new TrainingWindows(8, 2, 1).epoch(List.of(VIDEOS.get(0), VIDEOS.get(2)), used);
        // padding (T < 8) draws nothing; T == 8 draws one number (nextInt(1)) like the reference's randint(0, 0)
        Random reference = new Random(9);
        reference.nextInt(1);
        assertEquals(reference.nextLong(), used.nextLong());
    }
}
