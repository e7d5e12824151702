package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class Eccv16FileTest {
    @TempDir
    Path dir;

    @Test
    void writtenRecordsReadBackUnchanged() {
        VideoRecord a = TestRecords.valid("video_1", 7, 16, 1);
        VideoRecord b = TestRecords.withUserScores(TestRecords.valid("video_2", 5, 16, 2), null);
        Path file = dir.resolve("tvsum.h5");
        Eccv16Writer.write(file, List.of(a, b));
        try (Eccv16File f = Eccv16File.open(file)) {
            assertEquals(List.of("video_1", "video_2"), f.keys());
            assertSame(a, f.read("video_1"));
            VideoRecord bb = f.read("video_2");
            assertSame(b, bb);
            assertNull(bb.userScores());
            assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        }
    }

    @Test
    void keysAreInNaturalNumericOrder() {
        List<VideoRecord> records = List.of(TestRecords.valid("video_10", 2, 4, 1), TestRecords.valid("video_2", 2, 4, 2),
                TestRecords.valid("video_1", 2, 4, 3));
        Path file = dir.resolve("x.h5");
        Eccv16Writer.write(file, records);
        try (Eccv16File f = Eccv16File.open(file)) {
            assertEquals(List.of("video_1", "video_2", "video_10"), f.keys());
        }
    }

    @Test
    void datasetNameComesFromTheFileName() {
        assertEquals("tvsum", Eccv16File.datasetName(Path.of("data/tvsum.h5")));
        assertEquals("summe", Eccv16File.datasetName(Path.of("eccv16_dataset_summe_google_pool5.h5")));
        assertEquals("ovp", Eccv16File.datasetName(Path.of("/x/eccv16_dataset_ovp_google_pool5.h5")));
        assertEquals("mine", Eccv16File.datasetName(Path.of("mine.h5")));
    }

    @Test
    void writingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("out.h5");
        Eccv16Writer.write(file, List.of(TestRecords.valid("video_1", 3, 4, 1)));
        Eccv16Writer.write(file, List.of(TestRecords.valid("video_5", 3, 4, 1)));
        try (Eccv16File f = Eccv16File.open(file)) {
            assertEquals(List.of("video_5"), f.keys());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void missingFileAndNonHdf5FileAreUserErrors() throws IOException {
        UserException missing = assertThrows(UserException.class, () -> Eccv16File.open(dir.resolve("nope.h5")));
        assertTrue(missing.getMessage().contains("nope.h5"), missing.getMessage());
        Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5 at all, just some text that is long enough");
        UserException notHdf5 = assertThrows(UserException.class, () -> Eccv16File.open(text));
        assertTrue(notHdf5.getMessage().contains("text.h5") && notHdf5.getMessage().contains("HDF5"),
                notHdf5.getMessage());
    }

    @Test
    void unknownVideoIsAUserError() {
        Path file = dir.resolve("a.h5");
        Eccv16Writer.write(file, List.of(TestRecords.valid("video_1", 3, 4, 1)));
        try (Eccv16File f = Eccv16File.open(file)) {
            UserException e = assertThrows(UserException.class, () -> f.read("video_9"));
            assertTrue(e.getMessage().contains("video_9") && e.getMessage().contains("a.h5"), e.getMessage());
        }
    }

    @Test
    void nanInFeaturesNamesFileVideoAndField() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        float[][] f = r.features();
        f[2][1] = Float.NaN;
        assertRejected(TestRecords.withFeatures(r, f), "features", "finite");
    }

    @Test
    void gtscoreOfTheWrongLengthIsRejected() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        assertRejected(TestRecords.withGtscore(r, new float[3]), "gtscore", "3 entries");
    }

    @Test
    void picksThatDisagreeWithFeaturesOrTheVideoAreRejected() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        assertRejected(TestRecords.withPicks(r, new int[] {0, 15, 30}), "picks", "3 entries");
        assertRejected(TestRecords.withPicks(r, new int[] {0, 30, 15, 45}), "picks", "not ascending");
        assertRejected(TestRecords.withPicks(r, new int[] {0, 15, 30, 60}), "picks", "outside 0..59");
    }

    @Test
    void userSummaryAndUserScoresMustSpanTheFrames() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        assertRejected(TestRecords.withUserSummary(r, new float[3][59]), "user_summary", "n_frames 60");
        assertRejected(TestRecords.withUserScores(r, new float[2][61]), "user_scores", "n_frames 60");
    }

    @Test
    void nonFiniteTrainingTargetsAndUserScoresNameTheField() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        float[] gtscore = r.gtscore().clone();
        gtscore[2] = Float.NaN;
        assertRejected(TestRecords.withGtscore(r, gtscore), "gtscore", "entry 2 is NaN");
        float[][] scores = r.userScores();
        scores[1][7] = Float.POSITIVE_INFINITY;
        assertRejected(TestRecords.withUserScores(r, scores), "user_scores", "row 1, entry 7 is Infinity");
    }

    @Test
    void allZeroTrainingTargetsAreRejected() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        assertRejected(TestRecords.withGtscore(r, new float[4]), "gtscore", "all zero");
    }

    @Test
    void userSummariesMustBeZeroOrOneAndChooseSomething() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        float[][] half = r.userSummary();
        half[2][5] = 0.5f;
        assertRejected(TestRecords.withUserSummary(r, half), "user_summary", "user 2, frame 5 is 0.5 (expected 0 or 1)");
        float[][] nan = TestRecords.valid("video_3", 4, 4, 1).userSummary();
        nan[0][0] = Float.NaN;
        assertRejected(TestRecords.withUserSummary(r, nan), "user_summary", "user 0, frame 0 is NaN");
    }

    @Test
    void anAllZeroUserSummaryIsAWarningThatItsFScoresWillBeZero() {
        VideoRecord r = TestRecords.withUserSummary(TestRecords.valid("video_3", 4, 4, 1), new float[3][60]);
        Path file = dir.resolve("nobody.h5");
        Eccv16Writer.write(file, List.of(r));
        try (Eccv16File f = Eccv16File.open(file)) {
            f.read("video_3");
            assertEquals(List.of("nobody.h5: video video_3, field 'user_summary' is all zero (no user chose any "
                    + "frame: its F-scores are 0)"), f.warnings());
        }
    }

    @Test
    void absurdlyLargeFeaturesAreRejectedBeforeTheyOverflowTraining() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        float[][] f = r.features();
        f[1][3] = 1e38f;
        assertRejected(TestRecords.withFeatures(r, f), "features", "row 1 holds 1.0E38");
    }

    @Test
    void changePointsMustLieInsideTheVideoAndInOrder() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        assertRejected(TestRecords.withShots(r, new int[][] {{0, 29}, {30, 70}}, new int[] {30, 41}), "change_points",
                "beyond the last frame");
        assertRejected(TestRecords.withShots(r, new int[][] {{30, 59}, {0, 29}}, new int[] {30, 30}), "change_points",
                "out of order");
        assertRejected(TestRecords.withShots(r, new int[][] {{0, 29}, {40, 35}}, new int[] {30, 0}), "change_points",
                "start <= end");
        assertRejected(TestRecords.withShots(r, new int[][] {{0, 29}, {30, 59}}, new int[] {30}), "n_frame_per_seg",
                "rows of change_points");
    }

    @Test
    void nonPositiveFrameCountIsRejected() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        assertRejected(TestRecords.withNFrames(r, 0), "n_frames", "positive");
    }

    @Test
    void missingFieldIsRejected() {
        Path file = dir.resolve("broken.h5");
        writeRaw(file, g -> {
            g.putDataset("features", new float[][] {{1f}});
            return g;
        });
        UserException e = assertThrows(UserException.class, () -> {
            try (Eccv16File f = Eccv16File.open(file)) {
                f.read("video_1");
            }
        });
        assertTrue(e.getMessage().contains("broken.h5") && e.getMessage().contains("video_1")
                && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void publicFileOdditiesAreWarningsNotErrors() {
        VideoRecord r = TestRecords.valid("video_3", 4, 4, 1);
        // last segment one frame past the end, another stopping short, n_frame_per_seg off by one
        VideoRecord odd = TestRecords.withShots(r, new int[][] {{0, 29}, {30, 60}}, new int[] {29, 31});
        VideoRecord shortShots = TestRecords.withShots(TestRecords.valid("video_4", 4, 4, 2), new int[][] {{0, 29},
                {30, 55}}, new int[] {30, 26});
        Path file = dir.resolve("odd.h5");
        Eccv16Writer.write(file, List.of(odd, shortShots));
        try (Eccv16File f = Eccv16File.open(file)) {
            VideoRecord read = f.read("video_3");
            assertEquals(59, read.changePoints()[1][1], "clipped to the last frame");
            f.read("video_4");
            String all = String.join("\n", f.warnings());
            assertTrue(all.contains("video_3") && all.contains("n_frame_per_seg"), all);
            assertTrue(all.contains("one past the last frame"), all);
            assertTrue(all.contains("video_4") && all.contains("before the last frame"), all);
        }
    }

    @Test
    void otherNumericTypesAreAccepted() {
        // the public files store gtscore as float64 and picks/n_frames as int64 in places
        Path file = dir.resolve("types.h5");
        writeRaw(file, g -> {
            g.putDataset("features", new double[][] {{1, 2}, {3, 4}});
            g.putDataset("gtscore", new double[] {0.25, 0.5});
            g.putDataset("gtsummary", new double[] {0, 1});
            double[] chosen = new double[30];
            chosen[3] = 1;
            g.putDataset("user_summary", new double[][] {chosen});
            g.putDataset("change_points", new long[][] {{0, 14}, {15, 29}});
            g.putDataset("n_frame_per_seg", new long[] {15, 15});
            g.putDataset("n_frames", 30L);
            g.putDataset("picks", new long[] {0, 15});
            return g;
        });
        try (Eccv16File f = Eccv16File.open(file)) {
            VideoRecord r = f.read("video_1");
            assertArrayEquals(new float[] {0.25f, 0.5f}, r.gtscore());
            assertArrayEquals(new int[] {0, 15}, r.picks());
            assertEquals(30, r.nFrames());
            assertFalse(r.hasUserScores());
            assertEquals("", r.name());
        }
    }

    private void assertRejected(VideoRecord broken, String field, String detail) {
        Path file = dir.resolve("bad_" + field + "_" + Math.abs(detail.hashCode()) + ".h5");
        Eccv16Writer.write(file, List.of(broken));
        try (Eccv16File f = Eccv16File.open(file)) {
            UserException e = assertThrows(UserException.class, () -> f.read(broken.key()));
            String m = e.getMessage();
            assertTrue(m.contains(file.toString()), "names the file: " + m);
            assertTrue(m.contains("video " + broken.key()), "names the video: " + m);
            assertTrue(m.contains("'" + field + "'"), "names the field " + field + ": " + m);
            assertTrue(m.contains(detail), "says '" + detail + "': " + m);
        }
    }

    private static void writeRaw(Path file, UnaryOperator<WritableGroup> fill) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            fill.apply(hdf.putGroup("video_1"));
        }
    }

    static void assertSame(VideoRecord expected, VideoRecord actual) {
        assertEquals(expected.key(), actual.key());
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.nFrames(), actual.nFrames());
        assertArrayEquals(expected.features(), actual.features());
        assertArrayEquals(expected.gtscore(), actual.gtscore());
        assertArrayEquals(expected.gtsummary(), actual.gtsummary());
        assertArrayEquals(expected.userSummary(), actual.userSummary());
        if (expected.userScores() == null) {
            assertNull(actual.userScores());
        } else {
            assertArrayEquals(expected.userScores(), actual.userScores());
        }
        assertArrayEquals(expected.changePoints(), actual.changePoints());
        assertArrayEquals(expected.nFramePerSeg(), actual.nFramePerSeg());
        assertArrayEquals(expected.picks(), actual.picks());
    }
}
