package sspvs.video.decode;

import sspvs.video.synthetic.SyntheticVideo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sspvs.Skip;

/** Leaving unused non-reference frames undecoded must not change a single sampled pixel, pick or time. */
class VideoFrameReaderTest {
    @TempDir
    Path dir;

    @Test
    void x264FilesWithBPyramidsSampleExactlyWhatAFullDecodeSamples() throws Exception {
        Skip.unless(hasEncoder("libx264"), "no ffmpeg with libx264 on PATH (apt-get install ffmpeg)");
        // b-pyramid: some B-frames are references, the others not; NTSC rate; MP4's, Matroska's and MPEG-TS's
        // time bases
        for (String name : new String[] {"x264.mp4", "x264.mkv", "x264.ts"}) {
            Path file = ffmpeg(testPattern(), name, "-c:v", "libx264", "-bf", "3", "-b_strategy", "0");
            VideoSampling s = assertSameAsFullDecode(file);
            assertTrue(s.framesSkipped() > s.frameCount() / 3, name + ": " + s.framesSkipped() + " skipped");
        }
    }

    @Test
    void openGopFileCutMidGopSamplesExactlyWhatAFullDecodeSamples() throws Exception {
        Skip.unless(hasEncoder("libx264"), "no ffmpeg with libx264 on PATH (apt-get install ffmpeg)");
        Path whole = ffmpeg(testPattern(), "open-gop.mp4", "-c:v", "libx264", "-bf", "3", "-x264-params",
                "open-gop=1:keyint=48");
        // copied from the key frame before 2.1 s: an edit list hides the frames before the cut
        Path cut = ffmpeg(List.of("-ss", "2.1", "-i", whole.toString()), "open-gop-cut.mp4", "-c", "copy");
        assertTrue(assertSameAsFullDecode(cut).framesSkipped() > 0);
    }

    @Test
    void variableRateX264SamplesExactlyWhatAFullDecodeSamples() throws Exception {
        Skip.unless(hasEncoder("libx264"), "no ffmpeg with libx264 on PATH (apt-get install ffmpeg)");
        Path vfr = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(3, 3).variableRate(true).build()
                .write(dir.resolve("vfr.mp4")).file();
        Path file = ffmpeg(List.of("-i", vfr.toString()), "vfr-x264.mp4", "-c:v", "libx264", "-bf", "3",
                "-fps_mode", "passthrough");
        assertTrue(assertSameAsFullDecode(file).framesSkipped() > 0);
    }

    @Test
    void x265FileSamplesExactlyWhatAFullDecodeSamples() throws Exception {
        Skip.unless(hasEncoder("libx265"), "no ffmpeg with libx265 on PATH (apt-get install ffmpeg)");
        Path file = ffmpeg(testPattern(), "x265.mp4", "-c:v", "libx265", "-x265-params", "bframes=4:log-level=error");
        assertTrue(assertSameAsFullDecode(file).framesSkipped() > 0);
    }

    @Test
    void strideSamplingDecodesEveryFrame() throws Exception {
        Skip.unless(hasEncoder("libx264"), "no ffmpeg with libx264 on PATH (apt-get install ffmpeg)");
        Path file = ffmpeg(testPattern(), "stride.mp4", "-c:v", "libx264", "-bf", "3");
        VideoSampling s = new VideoDecoder().frameStride(15).decode(file, (a, b, c) -> { });
        assertEquals(0, s.framesSkipped());
        assertEquals(210, s.frameCount());
    }

    @Test
    void openh264FileHasNothingToSkip() throws IOException {
        Skip.unlessApplicable(SyntheticVideo.preferredVideoEncoder().equals("libopenh264"), "no libopenh264 in this FFmpeg");
        Path file = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(2, 2).build()
                .write(dir.resolve("openh264.mp4")).file();
        assertEquals(0, assertSameAsFullDecode(file).framesSkipped(), "libopenh264 makes only reference frames");
    }

    @Test
    void mpeg4BFramesAreDecodedWhole() throws IOException {
        // MPEG-4 Part 2 is left out of skipping (AVI's packed B-frames); its samples must still be right
        Path file = SyntheticVideo.builder().size(96, 64).fps(30).sceneSeconds(2.5, 2).textured(true)
                .bFrames(2).build().write(dir.resolve("mpeg4-bframes.mp4")).file();
        assertEquals(0, assertSameAsFullDecode(file).framesSkipped());
    }

    @Test
    void realSampleVideoSamplesExactlyWhatAFullDecodeSamples() {
        Path megamind = Path.of("/usr/share/doc/opencv-doc/examples/data/Megamind.avi");
        Skip.unless(Files.isReadable(megamind), megamind + " not found (apt-get install opencv-doc)");
        assertSameAsFullDecode(megamind);
    }

    @Test
    void damagedFramesAreCountedAndCleanOnesAreNot() throws IOException {
        Path clean = SyntheticVideo.builder().size(96, 64).fps(30).sceneSeconds(3, 3).textured(true).build()
                .write(dir.resolve("clean.mp4")).file();
        assertEquals(0, new VideoDecoder().decode(clean, (a, b, c) -> { }).framesDamaged());
        byte[] bytes = Files.readAllBytes(clean);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 60; i++) { // in the middle of the file: coded pictures, not the index at either end
            int at = bytes.length / 4 + random.nextInt(bytes.length / 2);
            bytes[at] = (byte) random.nextInt(256);
        }
        Path damaged = Files.write(dir.resolve("damaged.mp4"), bytes);
        VideoSampling s = new VideoDecoder().allowTruncated(true).decode(damaged, (a, b, c) -> { });
        assertTrue(s.framesDamaged() > 0, "no frame flagged in a file with 60 bytes changed");
    }

    private static VideoSampling assertSameAsFullDecode(Path file) {
        List<FrameImage> fullImages = new ArrayList<>();
        List<FrameImage> images = new ArrayList<>();
        VideoSampling full = new VideoDecoder().skipUnusedFrames(false)
                .decode(file, (step, frame, image) -> fullImages.add(image));
        VideoSampling skipped = new VideoDecoder().decode(file, (step, frame, image) -> images.add(image));
        assertEquals(0, full.framesSkipped());
        assertEquals(0, skipped.framesDamaged(), file + ": a clean file has no damaged frame");
        assertEquals(full.frameCount(), skipped.frameCount(), file + ": frame count");
        assertArrayEquals(full.picks(), skipped.picks(), file + ": picks");
        assertArrayEquals(full.sampleTimes(), skipped.sampleTimes(), file + ": sample times");
        assertEquals(fullImages.size(), images.size());
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(fullImages.get(i).rgb(), images.get(i).rgb(), file + ": image of step " + i);
        }
        return skipped;
    }

    private static boolean hasEncoder(String name) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-encoders").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains(" " + name + " ");
        } catch (IOException e) {
            return false; // no ffmpeg on PATH
        }
    }

    private static List<String> testPattern() {
        return List.of("-f", "lavfi", "-i", "testsrc2=size=128x72:rate=30000/1001", "-t", "7");
    }

    private Path ffmpeg(List<String> input, String name, String... codec) throws IOException, InterruptedException {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        cmd.addAll(input);
        cmd.add("-an");
        if (!List.of(codec).contains("copy")) {
            cmd.addAll(List.of("-pix_fmt", "yuv420p"));
        }
        cmd.addAll(List.of(codec));
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "ffmpeg failed: " + log);
        return out;
    }
}
