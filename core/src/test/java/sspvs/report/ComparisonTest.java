package sspvs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.eval.VideoEvaluation;

class ComparisonTest {
    @TempDir
    Path dir;

    /** A finished run's folder: run.json with two splits of 10 videos whose F is {@code f(split, video)}. */
    static Path run(Path folder, String splitSha, long seed, java.util.function.IntBinaryOperator f) {
        Provenance prov = Provenance.builder("x", new ObjectMapper().createObjectNode(), seed,
                EpochSelection.Selection.VALIDATION, EpochSelection.Rule.F_SCORE);
        for (int k = 0; k < 2; k++) {
            List<VideoEvaluation> videos = new ArrayList<>();
            for (int v = 0; v < 10; v++) {
                double value = f.applyAsInt(k, v) / 1000.0;
                videos.add(new VideoEvaluation("video_" + (k * 10 + v), value, value, value, value / 2, value / 3));
            }
            prov.split(new Provenance.SplitResult(k, new EpochMetrics(0, 0, 0, 0), videos));
        }
        prov.put("split_file", "splits/tvsum_splits.json");
        prov.put("split_file_sha256", splitSha);
        prov.write(folder.resolve("run.json"));
        return folder;
    }

    @Test
    void identicalRunsDifferByZeroWithAnIntervalAroundZeroAndPOne() {
        Path a = run(dir.resolve("A"), "abc", 1, (k, v) -> 400 + 17 * v + k);
        Path b = run(dir.resolve("B"), "abc", 1, (k, v) -> 400 + 17 * v + k);
        for (Comparison.Line l : Comparison.of(RunResults.read(a), RunResults.read(b), 10_000, 0)) {
            assertEquals(20, l.videos(), l.metric());
            assertEquals(0.0, l.difference(), 0, l.metric());
            assertTrue(l.interval().contains(0), l.toString());
            assertEquals(1.0, l.p(), 0, l.metric());
        }
    }

    @Test
    void aRunWellAboveAnotherOnEveryVideoIsSignificant() {
        Path a = run(dir.resolve("A"), "abc", 1, (k, v) -> 300 + (v * 37 + k * 11) % 200);
        Path b = run(dir.resolve("B"), "abc", 1, (k, v) -> 380 + (v * 37 + k * 11) % 200 + (v % 3) * 9);
        Comparison.Line f = Comparison.of(RunResults.read(a), RunResults.read(b), 10_000, 0).get(0);
        assertEquals(0.0881, f.difference(), 1e-12); // (80 + 9 × mean(v % 3)) per mille
        assertTrue(f.interval().low() > 0.08 && f.interval().high() < 0.1, f.toString());
        assertTrue(f.p() < 1e-3, f.toString()); // 20 positive differences
    }

    @Test
    void seedsAreAveragedPerVideoBeforePairing() throws Exception {
        Path a = dir.resolve("A");
        run(java.nio.file.Files.createDirectories(a.resolve("seed1")), "abc", 1, (k, v) -> 400);
        run(java.nio.file.Files.createDirectories(a.resolve("seed2")), "abc", 2, (k, v) -> 600);
        Path b = run(dir.resolve("B"), "abc", 5, (k, v) -> 500);
        RunResults ra = RunResults.read(a);
        assertEquals(List.of(1L, 2L), ra.seeds().stream().map(RunResults.Seed::seed).toList());
        Comparison.Line f = Comparison.of(ra, RunResults.read(b), 1000, 0).get(0);
        assertEquals(0.5, f.meanA(), 1e-12);
        assertEquals(0.0, f.difference(), 1e-12);
        assertEquals(1.0, f.p(), 0);
    }

    @Test
    void runsOfDifferentSplitFilesOrVideosAreRefused() throws Exception {
        Path a = run(dir.resolve("A"), "abc0000000000000", 1, (k, v) -> 400);
        Path b = run(dir.resolve("B"), "def0000000000000", 1, (k, v) -> 400);
        UserException e = assertThrows(UserException.class,
                () -> Comparison.of(RunResults.read(a), RunResults.read(b), 100, 0));
        assertTrue(e.getMessage().contains("different split files"), e.getMessage());

        Path c = run(dir.resolve("C"), "abc0000000000000", 1, (k, v) -> 400);
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(c.resolve("run.json").toFile());
        ((ObjectNode) json.get("splits").get(1).get("videos")).remove("video_19");
        new ObjectMapper().writeValue(c.resolve("run.json").toFile(), json);
        e = assertThrows(UserException.class, () -> Comparison.of(RunResults.read(a), RunResults.read(c), 100, 0));
        assertTrue(e.getMessage().contains("test videos differ (1 only in A, e.g. split 2 video_19)"), e.getMessage());
    }

    @Test
    void anUnfinishedRunOrAFolderWithoutARunIsRefused() throws Exception {
        UserException e = assertThrows(UserException.class, () -> RunResults.read(dir));
        assertTrue(e.getMessage().contains("not a results folder"), e.getMessage());
        java.nio.file.Files.writeString(dir.resolve("split0.json"), "{\"config\": \"{}\"}");
        e = assertThrows(UserException.class, () -> RunResults.read(dir).testVideos());
        assertTrue(e.getMessage().contains("has not finished"), e.getMessage());
    }
}
