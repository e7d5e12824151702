package sspvs.cli;

import sspvs.summarize.SummarizeFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSummarizeCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsEveryStageAndTheRatioToFfmpegDecode() throws Exception {
        List<String> args = new ArrayList<>(List.of("bench", "summarize", "--minutes", "0.2", "--size", "64x48",
                "--work", dir.toString()));
        args.addAll(List.of(SummarizeFixtures.tinyFeatureOptions()));
        CommandRun r = CommandRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        for (String stage : List.of("decode_and_features", "kts", "scoring", "summary", "write_video", "write_files",
                "ffmpeg decode via JavaCV", "pipeline total", "x the JavaCV decode", "paper-size model")) {
            assertTrue(r.out().contains(stage), stage + " in:\n" + r.out());
        }
        assertTrue(Files.isRegularFile(dir.resolve("out/summary.mp4")));
        assertTrue(r.out().matches("(?s).*summarize's decode alone \\(24 samples .*; 0 of 360 frames left undecoded.*"),
                "libopenh264 makes no frame to skip:\n" + r.out());
        assertTrue(r.out().matches("(?s).*floor on this machine: summarize's decode [0-9.]+ s \\+ features alone "
                + "\\([0-9]+ frames.*"), r.out());
        assertTrue(r.out().contains("generated bench-footage-"), "footage-like video made:\n" + r.out());

        CommandRun again = CommandRun.of(args.toArray(new String[0]));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("reusing "), "the video in --work is reused:\n" + again.out());
    }
}
