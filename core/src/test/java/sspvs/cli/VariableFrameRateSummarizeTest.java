package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import sspvs.Skip;
import sspvs.summarize.SummarizeFixtures;

/** Issue 15 item 6: a variable-frame-rate video is summarised to ~15 % of its duration, as a constant-rate one. */
class VariableFrameRateSummarizeTest {
    @TempDir
    Path dir;

    /**
     * {@code firstSeconds} at 30 fps then {@code secondSeconds} at {@code secondFps}, made by the ffmpeg tool with
     * variable-rate muxing (one stream, two rates).
     */
    private Path vfrVideo(int firstSeconds, int secondSeconds, int secondFps) throws Exception {
        Skip.unless(ffmpegToolPresent(), "the ffmpeg command-line tool is not installed");
        Path out = dir.resolve("vfr" + secondFps + ".mp4");
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-f", "lavfi", "-i",
                "testsrc=size=64x48:rate=30:duration=" + firstSeconds, "-f", "lavfi", "-i",
                "testsrc2=size=64x48:rate=" + secondFps + ":duration=" + secondSeconds, "-filter_complex",
                "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]", "-fps_mode", "vfr", "-c:v", "libx264", "-pix_fmt",
                "yuv420p", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        return out;
    }

    @ParameterizedTest(name = "{0} s at 30 fps, then {1} s at {2} fps")
    @CsvSource({"20, 20, 10", "4, 36, 5"})
    void summaryKeepsAboutTheRatioOfTheDurationAndShotTimesAreRealTimes(int first, int second, int fps)
            throws Exception {
        Path video = vfrVideo(first, second, fps);
        Path ckpt = SummarizeFixtures.tinyCheckpoint(dir.resolve("tiny.ckpt"), 4, 11);
        Path out = dir.resolve("summary");
        List<String> args = new ArrayList<>(List.of("summarize", video.toString(), "--quiet", "--model",
                ckpt.toString(), "--out", out.toString()));
        args.addAll(List.of(SummarizeFixtures.tinyFeatureOptions()));
        CommandRun r = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double duration = json.get("video").get("duration_s").asDouble();
        assertEquals(first + second, duration, 0.6); // the muxer gives the last frame its own length
        int switchFrame = 30 * first;
        double selectedReal = 0;
        for (JsonNode shot : json.get("shots")) {
            // the shot's time as played: frames before the switch last 1/30 s, after it 1/fps
            double start = realSeconds(shot.get("start_frame").asInt(), switchFrame, first, fps);
            double end = realSeconds(shot.get("end_frame").asInt() + 1, switchFrame, first, fps);
            assertEquals(start, shot.get("start_s").asDouble(), 0.6, "start of " + shot);
            assertEquals(end, shot.get("end_s").asDouble(), 0.6, "end of " + shot);
            if (shot.get("selected").asBoolean()) {
                selectedReal += end - start;
            }
        }
        assertTrue(selectedReal >= 0.10 * duration && selectedReal <= 0.20 * duration, "the selected shots last "
                + selectedReal + " of " + duration + " s");
        double kept = json.get("summary_video").get("duration_s").asDouble();
        assertEquals(selectedReal, kept, 0.6, "summary.mp4 holds the selected shots");
        assertEquals(kept, json.get("selection").get("selected_s").asDouble(), 0.3, "summary.json says so");
    }

    private static double realSeconds(int frame, int switchFrame, int first, int fps) {
        return frame <= switchFrame ? frame / 30.0 : first + (frame - switchFrame) / (double) fps;
    }

    private static boolean ffmpegToolPresent() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
