package sspvs.video.decode;

import sspvs.video.synthetic.SyntheticVideo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sspvs.UserException;

class VideoDecoderTest {
    @TempDir
    static Path dir;
    static SyntheticVideo.Result video;

    @BeforeAll
    static void writeVideo() throws IOException {
        video = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(2, 3, 1.5).build()
                .write(dir.resolve("three-scenes.mp4"));
    }

    @Test
    void probeReportsWhatTheFileDeclares() {
        VideoInfo info = VideoDecoder.probe(video.file());
        assertEquals(64, info.width());
        assertEquals(48, info.height());
        assertEquals(30.0, info.fps(), 0.01);
        assertEquals(6.5, info.durationSeconds(), 0.15);
        assertEquals(195, info.declaredFrames(), 2);
        assertEquals(0, info.rotationDegrees());
        assertTrue(info.hasAudio());
        assertEquals(video.videoCodec().equals("libopenh264") ? "h264" : "mpeg4", info.videoCodec());
    }

    @Test
    void samplesTwoFramesPerSecondByTimestamp() {
        DecodedVideo decoded = new VideoDecoder().decode(video.file());
        VideoSampling s = decoded.sampling();
        assertEquals(195, s.frameCount());
        assertEquals(13, s.steps()); // 0, 0.5, ..., 6.0 s
        int[] expected = new int[13];
        Arrays.setAll(expected, k -> 15 * k);
        assertArrayEquals(expected, s.picks());
        assertEquals(64, decoded.frames().get(0).width());
        assertEquals(48, decoded.frames().get(0).height());
    }

    @Test
    void sampledImagesShowTheScenesColours() {
        DecodedVideo decoded = new VideoDecoder().decode(video.file());
        // steps 0..3 are scene 0, 4..9 scene 1, 10..12 scene 2: the bottom-left pixel is each scene's base colour
        int[] first = pixel(decoded.frames().get(1));
        int[] sameScene = pixel(decoded.frames().get(3));
        int[] nextScene = pixel(decoded.frames().get(4));
        assertTrue(distance(first, sameScene) < 20, "same scene, same colour");
        assertTrue(distance(first, nextScene) > 60, "a cut changes the colour");
    }

    @Test
    void variableFrameRateIsSampledByTimeNotFrameCount() throws IOException {
        SyntheticVideo.Result vfr = SyntheticVideo.builder().fps(30).sceneSeconds(2, 2).variableRate(true)
                .audio(false).build().write(dir.resolve("vfr.mkv"));
        VideoSampling s = new VideoDecoder().decode(vfr.file(), (step, frame, image) -> { });
        assertEquals(vfr.frameCount(), s.frameCount());
        assertEquals(8, s.steps());
        // first 2 s at 15 fps (frames 0..29), then 30 fps: 0.5 s = frame 7.5 -> 8 (first at/after), 2.5 s = 45
        int[] picks = s.picks();
        assertEquals(0, picks[0]);
        assertTrue(Math.abs(picks[1] - 7.5) <= 0.5, "0.5 s is frame 7 or 8 at half rate, got " + picks[1]);
        assertEquals(30, picks[4]);
        assertEquals(45, picks[5]);
    }

    @Test
    void frameStrideReproducesTheEccv16Picks() {
        VideoSampling byTime = new VideoDecoder().decode(video.file(), (a, b, c) -> { });
        VideoSampling byStride = new VideoDecoder().frameStride(15).decode(video.file(), (a, b, c) -> { });
        assertArrayEquals(byTime.picks(), byStride.picks(), "at 30 fps, 2 per second = every 15th frame");
        VideoSampling every7 = new VideoDecoder().frameStride(7).decode(video.file(), (a, b, c) -> { });
        assertEquals(28, every7.steps()); // frames 0, 7, ..., 189 of 195
        assertEquals(189, every7.picks()[27]);
    }

    @Test
    void outputSizeScalesTheSampledImages() {
        DecodedVideo decoded = new VideoDecoder().outputSize(32, 32).decode(video.file());
        assertEquals(32, decoded.frames().get(0).width());
        assertEquals(32, decoded.frames().get(0).height());
    }

    @Test
    void stepClockCountsDueStepsAsTheSamplingLoopTakesThem() {
        java.util.Random random = new java.util.Random(7);
        for (double fps : new double[] {23.976, 25, 29.97, 30, 59.94, 0}) {
            VideoDecoder.StepClock clock = new VideoDecoder.StepClock(5e5, fps > 0 ? 0.5e6 / fps : 0);
            for (int i = 0; i < 2000; i++) {
                // timestamps as frames carry them: whole microseconds, many right at a step's edge
                double t = i % 2 == 0 ? random.nextInt(600_000_000) : Math.round(random.nextInt(1200) * 1e6 / 2
                        - clock.halfFrameMicros() + random.nextInt(3) - 1);
                long naive = 0;
                while (naive * clock.periodMicros() <= t + clock.halfFrameMicros()) {
                    naive++;
                }
                assertEquals(naive, clock.stepsUpTo(t), "t=" + t + " fps=" + fps);
            }
        }
        assertEquals(0, new VideoDecoder.StepClock(5e5, 0).stepsUpTo(-1));
    }

    @Test
    void textFileNamedMp4IsRefusedNamingTheFile() throws IOException {
        Path fake = dir.resolve("notes.mp4");
        Files.writeString(fake, "This is not a video, just some notes.\n".repeat(50));
        UserException e = assertThrows(UserException.class, () -> new VideoDecoder().decode(fake));
        assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid data"), "FFmpeg's reason in words: " + e.getMessage());
        assertFalse(e.getMessage().contains("setFormat"), "no JavaCV hints for programmers: " + e.getMessage());
    }

    @Test
    void unknownCodecIsRefused() throws IOException {
        SyntheticVideo.Result avi = SyntheticVideo.builder().sceneSeconds(1).audio(false).build()
                .write(dir.resolve("codec.avi"));
        byte[] bytes = Files.readAllBytes(avi.file());
        String head = new String(bytes, 0, Math.min(4096, bytes.length), java.nio.charset.StandardCharsets.ISO_8859_1);
        String tag = head.contains("H264") ? "H264" : "FMP4";
        sspvs.Skip.unlessApplicable(head.contains(tag), "no known codec tag in the AVI header");
        for (int i = head.indexOf(tag); i >= 0; i = head.indexOf(tag, i + 1)) {
            System.arraycopy("ZZZ9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bytes, i, 4);
        }
        Path unknown = Files.write(dir.resolve("unknown-codec.avi"), bytes);
        UserException e = assertThrows(UserException.class, () -> new VideoDecoder().decode(unknown));
        assertTrue(e.getMessage().contains(unknown.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("codec"), e.getMessage());
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        UserException e = assertThrows(UserException.class, () -> VideoDecoder.probe(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toString()));
    }

    @Test
    void missingFileIsRefused() {
        Path missing = dir.resolve("nope.mp4");
        UserException e = assertThrows(UserException.class, () -> new VideoDecoder().decode(missing));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void audioOnlyFileIsRefused() throws IOException {
        Path audio = SyntheticVideo.writeAudioOnly(dir.resolve("tone.m4a"), 2.0);
        UserException e = assertThrows(UserException.class, () -> new VideoDecoder().decode(audio));
        assertTrue(e.getMessage().contains("no video stream"), e.getMessage());
        assertTrue(e.getMessage().contains("audio"), e.getMessage());
    }

    @Test
    void truncatedVideoIsRefusedUnlessAllowed() throws IOException {
        // Matroska declares its duration up front, so a cut file still opens and then ends early.
        SyntheticVideo.Result longer = SyntheticVideo.builder().sceneSeconds(3, 3).audio(false).build()
                .write(dir.resolve("whole.mkv"));
        byte[] bytes = Files.readAllBytes(longer.file());
        Path cut = dir.resolve("cut.mkv");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        UserException e = assertThrows(UserException.class, () -> new VideoDecoder().decode(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("damaged"), e.getMessage());
        VideoSampling partial = new VideoDecoder().allowTruncated(true).decode(cut, (a, b, c) -> { });
        assertTrue(partial.frameCount() > 0 && partial.frameCount() < longer.frameCount());
    }

    @Test
    void mp4CutBeforeItsIndexIsRefused() throws IOException {
        byte[] bytes = Files.readAllBytes(video.file());
        Path cut = dir.resolve("cut.mp4");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        UserException e = assertThrows(UserException.class, () -> new VideoDecoder().decode(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void displayRotationIsApplied() throws IOException {
        SyntheticVideo.Result rotated = SyntheticVideo.builder().size(64, 48).sceneSeconds(1).audio(false)
                .rotation(90).build().write(dir.resolve("portrait.mp4"));
        VideoInfo info = VideoDecoder.probe(rotated.file());
        assertEquals(90, info.rotationDegrees());
        assertEquals(48, info.displayWidth());
        assertEquals(64, info.displayHeight());
        DecodedVideo plain = new VideoDecoder().decode(video.file());
        DecodedVideo turned = new VideoDecoder().decode(rotated.file());
        FrameImage img = turned.frames().get(0);
        assertEquals(48, img.width());
        assertEquals(64, img.height());
        // scene 0 has a band on top; turned clockwise it is on the right
        FrameImage upright = plain.frames().get(0);
        assertTrue(distance(rgb(upright, 32, 2), rgb(img, 46, 32)) < 30, "top band moved to the right edge");
    }

    @Test
    void rotationMatchesTheFfmpegToolsAutorotate() throws Exception {
        sspvs.Skip.unless(ffmpegToolPresent(), "the ffmpeg command-line tool is not installed");
        for (int degrees : new int[] {90, 180, 270}) {
            SyntheticVideo.Result rotated = SyntheticVideo.builder().size(64, 48).sceneSeconds(1).audio(false)
                    .rotation(degrees).build().write(dir.resolve("rot" + degrees + ".mp4"));
            FrameImage ours = new VideoDecoder().decode(rotated.file()).frames().get(0);
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", rotated.file().toString(),
                    "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-").start();
            byte[] theirs = p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor());
            assertEquals(ours.rgb().length, theirs.length, degrees + " degrees: same pixel count");
            double diff = 0;
            for (int i = 0; i < theirs.length; i++) {
                diff += Math.abs((ours.rgb()[i] & 0xFF) - (theirs[i] & 0xFF));
            }
            assertTrue(diff / theirs.length < 12, degrees + " degrees: mean abs difference " + diff / theirs.length);
        }
    }

    private static boolean ffmpegToolPresent() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void realSampleVideosDecodeWhereInstalled() {
        Path data = Path.of("/usr/share/doc/opencv-doc/examples/data");
        Path megamind = data.resolve("Megamind.avi");
        sspvs.Skip.unless(Files.isReadable(megamind), megamind + " not found (apt-get install opencv-doc)");
        VideoSampling s = new VideoDecoder().outputSize(64, 48).decode(megamind, (a, b, c) -> { });
        assertEquals(270, s.frameCount());
        assertEquals(23.976, s.info().fps(), 0.01);
        assertEquals(720, s.info().width());
        assertEquals(528, s.info().height());
        assertTrue(s.info().hasAudio());
        assertEquals(23, s.steps()); // 11.26 s -> samples at 0, 0.5, ..., 11.0
        assertEquals(12, s.picks()[1]); // 0.5 s at 23.976 fps = frame 11.99
        VideoSampling strided = new VideoDecoder().outputSize(32, 24).frameStride(15)
                .decode(megamind, (a, b, c) -> { });
        assertEquals(18, strided.steps()); // frames 0, 15, ..., 255
    }

    @Test
    void deliberatelyDamagedSampleIsDecodedOrRefusedClearly() {
        Path bugy = Path.of("/usr/share/doc/opencv-doc/examples/data/Megamind_bugy.avi");
        sspvs.Skip.unless(Files.isReadable(bugy), bugy + " not found (apt-get install opencv-doc)");
        try {
            VideoSampling s = new VideoDecoder().outputSize(32, 24).decode(bugy, (a, b, c) -> { });
            assertTrue(s.frameCount() > 0);
            assertFalse(s.steps() == 0);
            System.out.println("Megamind_bugy.avi decoded: " + s.frameCount() + " frames, " + s.steps() + " steps");
        } catch (UserException e) {
            System.out.println("Megamind_bugy.avi refused: " + e.getMessage());
            assertTrue(e.getMessage().contains(bugy.toString()), e.getMessage());
        }
    }

    private static int[] pixel(FrameImage img) {
        return rgb(img, 1, img.height() - 2);
    }

    private static int[] rgb(FrameImage img, int x, int y) {
        return new int[] {img.sample(x, y, 0), img.sample(x, y, 1), img.sample(x, y, 2)};
    }

    private static double distance(int[] a, int[] b) {
        return Math.sqrt(Math.pow(a[0] - b[0], 2) + Math.pow(a[1] - b[1], 2) + Math.pow(a[2] - b[2], 2));
    }
}
