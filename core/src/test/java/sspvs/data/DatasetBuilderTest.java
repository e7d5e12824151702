package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.SharedData;
import sspvs.UserException;

class DatasetBuilderTest {
    @TempDir
    Path dir;

    @Test
    void syntheticDataSetIsAValidEccv16File() {
        Path out = SampleDatasets.buildSynthetic(dir.resolve("synthetic.h5"), 4, 40, 16, 5, 7);
        List<VideoRecord> records = readAll(out);
        assertEquals(4, records.size());
        for (VideoRecord r : records) {
            assertEquals(40, r.steps());
            assertEquals(600, r.nFrames());
            assertEquals(16, r.features()[0].length);
            assertEquals(5, r.users());
            assertTrue(r.hasUserScores());
            assertStructure(r, true);
        }
    }

    @Test
    void syntheticFeaturesCarryTheTargetSignal() {
        VideoRecord r = readAll(SampleDatasets.buildSynthetic(dir.resolve("s.h5"), 1, 200, 32, 10, 3)).get(0);
        // direction = mean feature of the top-scored half minus that of the bottom half
        float[] g = r.gtscore();
        float median = median(g);
        float[] direction = new float[32];
        for (int t = 0; t < r.steps(); t++) {
            float sign = g[t] >= median ? 1 : -1;
            for (int d = 0; d < 32; d++) direction[d] += sign * r.features()[t][d];
        }
        double[] projection = new double[r.steps()];
        for (int t = 0; t < r.steps(); t++) {
            for (int d = 0; d < 32; d++) projection[t] += direction[d] * r.features()[t][d];
        }
        double corr = new org.apache.commons.math3.stat.correlation.PearsonsCorrelation()
                .correlation(projection, toDoubles(g));
        assertTrue(corr > 0.5, "features correlate with gtscore: " + corr);
    }

    @Test
    void sameSeedSameFileDifferentSeedDifferentFeatures() {
        // 40 steps (600 frames): a 15% summary holds a 2 s shot, so the users' summaries are not empty
        VideoRecord a = readAll(SampleDatasets.buildSynthetic(dir.resolve("a.h5"), 1, 40, 8, 3, 11)).get(0);
        VideoRecord b = readAll(SampleDatasets.buildSynthetic(dir.resolve("b.h5"), 1, 40, 8, 3, 11)).get(0);
        VideoRecord c = readAll(SampleDatasets.buildSynthetic(dir.resolve("c.h5"), 1, 40, 8, 3, 12)).get(0);
        Eccv16FileTest.assertSame(a, b);
        assertFalse(java.util.Arrays.deepEquals(a.features(), c.features()));
    }

    @Test
    void tvsumFixtureDerivesUserSummariesByKnapsack() {
        Path shared = SharedData.root();
        SharedData.require("tvsum");
        List<AnnotatedVideo> annotations = TvsumAnnotations.read(shared.resolve("tvsum"), 2);
        List<VideoRecord> records = readAll(SampleDatasets.buildTvsumFixture(shared, dir.resolve("tvsum.h5"), 2, 8, 1));
        assertEquals(2, records.size());
        for (int i = 0; i < 2; i++) {
            AnnotatedVideo a = annotations.get(i);
            VideoRecord r = records.get(i);
            assertEquals(a.key(), r.key());
            assertEquals(a.name(), r.name());
            assertEquals(20, r.users());
            assertArrayEquals(a.userScores(), r.userScores());
            assertStructure(r, true);
            // gtscore: the mean rating at each pick, min-max normalised
            float[] mean = a.meanUserScore();
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int p : r.picks()) {
                lo = Math.min(lo, mean[p]);
                hi = Math.max(hi, mean[p]);
            }
            for (int t = 0; t < r.steps(); t++) {
                assertEquals((mean[r.picks()[t]] - lo) / (hi - lo), r.gtscore()[t], 1e-6);
            }
            // each user's summary is the best 15% by that user's own ratings
            for (int u = 0; u < r.users(); u++) {
                assertEquals(bestValue(a.userScores()[u], r), valueOf(r.userSummary()[u], a.userScores()[u], r), 1e-3,
                        "user " + u + " of " + r.key());
            }
        }
        // segments are 2 s at the video's frame rate
        assertEquals(Math.round(2 * annotations.get(0).fps()), records.get(0).nFramePerSeg()[0]);
    }

    @Test
    void summeFixtureKeepsTheUsersOwnSelections() {
        Path shared = SharedData.root();
        SharedData.require("summe");
        List<AnnotatedVideo> annotations = SummeAnnotations.read(shared.resolve("summe"), 2);
        List<VideoRecord> records = readAll(SampleDatasets.buildSummeFixture(shared, dir.resolve("summe.h5"), 2, 8, 1));
        for (int i = 0; i < 2; i++) {
            VideoRecord r = records.get(i);
            AnnotatedVideo a = annotations.get(i);
            assertEquals(a.name(), r.name());
            assertArrayEquals(a.userSummary(), r.userSummary());
            assertArrayEquals(a.userScores(), r.userScores());
            float[] fraction = a.meanUserScore();
            for (int t = 0; t < r.steps(); t++) {
                assertEquals(fraction[r.picks()[t]], r.gtscore()[t], 1e-6, "gtscore = fraction of users selecting");
            }
            assertStructure(r, false);
        }
    }

    @Test
    void shotsFromATextFileAreUsedAndFittedToTheVideo() throws IOException {
        AnnotatedVideo v = SyntheticAnnotations.generate(1, 10, 3, 1).get(0); // 150 frames
        Path shots = Files.writeString(dir.resolve("shots.txt"), "# key start end\nvideo_1 0 49\nvideo_1 50 99\n"
                + "video_1 100 150\n");
        DatasetBuilder builder = DatasetBuilder.builder().setFeatures(new SyntheticFeatures(1, 4))
                .optShots(Shots.read(shots)).build();
        VideoRecord r = builder.build(v);
        assertArrayEquals(new int[][] {{0, 49}, {50, 99}, {100, 149}}, r.changePoints());
        assertArrayEquals(new int[] {50, 50, 50}, r.nFramePerSeg());
        assertEquals(1, builder.notes().size(), builder.notes().toString());
        Path bad = Files.writeString(dir.resolve("bad.txt"), "video_1 0 49\nvideo_1 40 149\n");
        DatasetBuilder overlapping = DatasetBuilder.builder().setFeatures(new SyntheticFeatures(1, 4))
                .optShots(Shots.read(bad)).build();
        UserException e = assertThrows(UserException.class, () -> overlapping.build(v));
        assertTrue(e.getMessage().contains("video_1"), e.getMessage());
    }

    @Test
    void shotsFromAnEccv16FileAreReused() {
        Path source = SampleDatasets.buildSynthetic(dir.resolve("src.h5"), 2, 30, 4, 3, 5);
        List<AnnotatedVideo> videos = SyntheticAnnotations.generate(2, 30, 3, 9);
        Map<String, int[][]> shots = Shots.read(source);
        DatasetBuilder builder = DatasetBuilder.builder().setFeatures(new SyntheticFeatures(1, 4)).optShots(shots).build();
        assertArrayEquals(shots.get("video_2"), builder.build(videos.get(1)).changePoints());
    }

    @Test
    void featuresFromAnEccv16FileFollowItsPicks() {
        Path source = SampleDatasets.buildSynthetic(dir.resolve("src.h5"), 2, 30, 6, 3, 5);
        List<VideoRecord> original = readAll(source);
        List<AnnotatedVideo> videos = SyntheticAnnotations.generate(2, 30, 3, 5);
        try (FileFeatures features = new FileFeatures(source)) {
            VideoRecord rebuilt = DatasetBuilder.builder().setFeatures(features).build().build(videos.get(1));
            assertArrayEquals(original.get(1).features(), rebuilt.features());
            // a video one frame shorter (as between releases) keeps the rows of the frames it still has
            AnnotatedVideo shorter = new AnnotatedVideo("video_1", "x", "", "", 449, 30, trim(videos.get(0), 449), null);
            float[][] rows = features.features(shorter, DatasetBuilder.picks(449), new float[30]);
            assertArrayEquals(original.get(0).features(), rows);
        }
    }

    @Test
    void featuresOfAShorterOrLongerCutOfTheVideoAreRefusedNotPadded() {
        Path source = SampleDatasets.buildSynthetic(dir.resolve("src-cut.h5"), 2, 30, 6, 3, 5);
        try (FileFeatures features = new FileFeatures(source)) {
            // the annotations' video runs 600 frames, the features' 450: 10 rows would be copies of the last
            AnnotatedVideo longer = SyntheticAnnotations.generate(1, 40, 3, 5).get(0);
            UserException e = assertThrows(UserException.class,
                    () -> features.features(longer, DatasetBuilder.picks(600), new float[40]));
            assertTrue(e.getMessage().contains("video_1") && e.getMessage().contains("450 frames")
                    && e.getMessage().contains("has 600"), e.getMessage());
            AnnotatedVideo base = SyntheticAnnotations.generate(1, 30, 3, 5).get(0);
            AnnotatedVideo cut = new AnnotatedVideo("video_1", "x", "", "", 300, 30, trim(base, 300), null);
            e = assertThrows(UserException.class,
                    () -> features.features(cut, DatasetBuilder.picks(300), new float[20]));
            assertTrue(e.getMessage().contains("has 300"), e.getMessage());
        }
    }

    @Test
    void perVideoFeatureDatasetsMustMatchTheSampledFrames() {
        Path file = dir.resolve("perVideo.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("video_1", new float[10][3]);
            hdf.putDataset("video_2", new float[7][3]);
        }
        List<AnnotatedVideo> videos = SyntheticAnnotations.generate(2, 10, 2, 1);
        try (FileFeatures features = new FileFeatures(file)) {
            DatasetBuilder builder = DatasetBuilder.builder().setFeatures(features).build();
            assertEquals(3, builder.build(videos.get(0)).features()[0].length);
            UserException e = assertThrows(UserException.class, () -> builder.build(videos.get(1)));
            assertTrue(e.getMessage().contains("video_2") && e.getMessage().contains("7 feature rows"), e.getMessage());
        }
    }

    /**
     * Checks what every built record must satisfy: contiguous shots, picks every 15, knapsack summaries (all but
     * SumMe's own) within 15%.
     */
    private static void assertStructure(VideoRecord r, boolean derivedSummaries) {
        int n = r.nFrames();
        assertArrayEquals(DatasetBuilder.picks(n), r.picks());
        assertEquals(0, r.changePoints()[0][0]);
        assertEquals(n - 1, r.changePoints()[r.changePoints().length - 1][1]);
        for (int s = 0; s < r.changePoints().length; s++) {
            assertEquals(r.changePoints()[s][1] - r.changePoints()[s][0] + 1, r.nFramePerSeg()[s]);
            if (s > 0) assertEquals(r.changePoints()[s - 1][1] + 1, r.changePoints()[s][0]);
        }
        int budget = (int) Math.floor(0.15 * n);
        for (float[] user : r.userSummary()) {
            int chosen = 0;
            for (float x : user) chosen += (int) x;
            assertTrue(chosen > 0, "user summary selects something");
            if (derivedSummaries) assertTrue(chosen <= budget, "summary within 15%: " + chosen + " > " + budget);
        }
        float sum = 0;
        for (float x : r.gtsummary()) sum += x;
        assertTrue(sum > 0, "gtsummary selects something");
        for (float g : r.gtscore()) assertTrue(g >= 0 && g <= 1, "gtscore in [0, 1]: " + g);
    }

    private List<VideoRecord> readAll(Path file) {
        List<VideoRecord> out = new ArrayList<>();
        try (Eccv16File f = Eccv16File.open(file)) {
            for (String key : f.keys()) out.add(f.read(key));
            assertTrue(f.warnings().isEmpty(), f.warnings().toString());
        }
        return out;
    }

    private static double valueOf(float[] summary, float[] scores, VideoRecord r) {
        double v = 0;
        for (int s = 0; s < r.changePoints().length; s++) {
            if (summary[r.changePoints()[s][0]] > 0) v += shotMean(scores, r.changePoints()[s]);
        }
        return v;
    }

    private static double bestValue(float[] scores, VideoRecord r) {
        double[] values = new double[r.changePoints().length];
        for (int s = 0; s < values.length; s++) values[s] = shotMean(scores, r.changePoints()[s]);
        int[] chosen = new KnapsackSummaryMaker().select(values, r.nFramePerSeg(), (int) Math.floor(0.15 * r.nFrames()));
        double v = 0;
        for (int s : chosen) v += values[s];
        return v;
    }

    private static double shotMean(float[] scores, int[] cp) {
        double sum = 0;
        for (int f = cp[0]; f <= cp[1]; f++) sum += scores[f];
        return sum / (cp[1] - cp[0] + 1);
    }

    private static float[][] trim(AnnotatedVideo v, int n) {
        float[][] out = new float[v.users()][];
        for (int u = 0; u < v.users(); u++) out[u] = java.util.Arrays.copyOf(v.userScores()[u], n);
        return out;
    }

    private static float median(float[] x) {
        float[] s = x.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}
