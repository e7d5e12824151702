package sspvs.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.cli.CommandRun;
import sspvs.spark.BatchFixtures;
import sspvs.video.synthetic.SyntheticVideo;

/** {@code sspvs batch} and {@code sspvs bench batch} as a user runs them: options, output lines, mistakes. */
class BatchCommandTest {
    @TempDir
    static Path dir;

    static Path ckpt;
    static Path library;

    @BeforeAll
    static void fixtures() throws IOException {
        ckpt = BatchFixtures.checkpoint(dir.resolve("tiny.ckpt"));
        library = Files.createDirectories(dir.resolve("two videos"));
        SyntheticVideo.builder().size(32, 32).fps(25).sceneSeconds(2, 2).build().write(library.resolve("one.mp4"));
        SyntheticVideo.builder().size(32, 32).fps(20).sceneSeconds(2, 3).audio(false).build()
                .write(library.resolve("two.mov"));
        Files.writeString(library.resolve("three.mp4"), "no video here");
    }

    static List<String> batch(Path input, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("batch", input.toString(), "--out", out.toString(), "--master",
                "local[2]"));
        args.addAll(BatchFixtures.options(ckpt));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void drawsProgressAndEndsWithOneSummaryLine() {
        Path out = dir.resolve("out é x"); // the tables go through Hadoop's paths: spaces and accents must survive
        CommandRun r = CommandRun.of(batch(library, out).toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.out().strip().lines().count(), r.out());
        assertTrue(r.out().matches("2 ok, 1 failed \\(0 reused\\), 0\\.\\d{3} hours of video in .+, [0-9.]+ hours of "
                + "video per hour -> .+index\\.html\\s*"), r.out());
        assertTrue(r.err().contains("3/3 videos") && r.err().contains("h of video, 1 failed"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r.err());
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertTrue(Files.isRegularFile(out.resolve("videos").resolve("_SUCCESS")));

        CommandRun again = CommandRun.of(batch(library, out, "--quiet").toArray(new String[0]));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().startsWith("2 ok, 1 failed (3 reused)"), again.out());
        assertEquals("", again.err(), "--quiet draws no bar");
    }

    @Test
    void mistakesAreOneLineBeforeSparkStarts() throws IOException {
        Path out = dir.resolve("never");
        CommandRun missing = CommandRun.of(batch(dir.resolve("nowhere"), out).toArray(new String[0]));
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("sspvs: ") && missing.err().contains("nowhere: not found"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        CommandRun video = CommandRun.of(batch(library.resolve("one.mp4"), out).toArray(new String[0]));
        assertEquals(2, video.exitCode());
        assertTrue(video.err().contains("is a video") && video.err().contains("sspvs summarize"), video.err());

        CommandRun ratio = CommandRun.of(batch(library, out, "--ratio", "1.5").toArray(new String[0]));
        assertEquals(2, ratio.exitCode());
        assertTrue(ratio.err().contains("--ratio"), ratio.err());

        List<String> typo = new ArrayList<>(List.of("batch", library.toString(), "--out", out.toString(),
                "--master", "lcoal[2]"));
        typo.addAll(BatchFixtures.options(ckpt));
        CommandRun master = CommandRun.of(typo.toArray(new String[0]));
        assertEquals(2, master.exitCode());
        assertTrue(master.err().startsWith("sspvs: --master must be") && master.err().contains("'lcoal[2]'"),
                master.err());
        assertEquals(1, master.err().strip().lines().count(), master.err());

        List<String> noFeatures = batch(library, out, "--features-model", dir.resolve("nowhere.onnx").toString());
        noFeatures.remove("--test-histogram-bins");
        noFeatures.remove("" + BatchFixtures.BINS);
        CommandRun features = CommandRun.of(noFeatures.toArray(new String[0]));
        assertEquals(2, features.exitCode());
        assertTrue(features.err().contains("nowhere.onnx: features model not found"), features.err());
        assertEquals(1, features.err().strip().lines().count(), features.err());

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CommandRun none = CommandRun.of(batch(empty, out).toArray(new String[0]));
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no video files"), none.err());

        Path userFolder = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(userFolder.resolve("thesis.txt"), "keep me");
        CommandRun refused = CommandRun.of(batch(library, userFolder).toArray(new String[0]));
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("not empty"), refused.err());
        assertEquals("keep me", Files.readString(userFolder.resolve("thesis.txt")));
        assertFalse(Files.exists(out));
    }

    @Test
    void benchPrintsThroughputSideBySideAndTheRerun() throws IOException {
        Path videos = Files.createDirectories(dir.resolve("bench videos"));
        Files.copy(library.resolve("one.mp4"), videos.resolve("one.mp4"));
        Files.copy(library.resolve("two.mov"), videos.resolve("two.mov"));
        CommandRun r = CommandRun.of("bench", "batch", "--input", videos.toString(), "--model", ckpt.toString(),
                "--test-histogram-bins", "" + BatchFixtures.BINS, "--ratio", "" + BatchFixtures.RATIO,
                "--work", dir.resolve("bench").toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        String o = r.out();
        for (String row : List.of("summarize, each file in turn", "batch local[1]", "batch local[2]")) {
            assertTrue(o.matches("(?s).*" + java.util.regex.Pattern.quote(row)
                    + " +[0-9.]+ s +[0-9.]+ hours of video per hour +[0-9.]+x summarize.*"), o);
        }
        assertTrue(o.contains("rerun of batch local[2] (everything reused)"), o);
    }
}
