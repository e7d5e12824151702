package sspvs.cli;

import sspvs.summarize.SummarizeFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.video.synthetic.SyntheticVideo;

/** Each kind of bad input: one clear message naming the file, exit code 2, nothing written. */
class SummarizeBadInputTest {
    @TempDir
    static Path dir;

    static Path ckpt4;
    static Path goodVideo;

    @BeforeAll
    static void fixtures() throws IOException {
        ckpt4 = SummarizeFixtures.tinyCheckpoint(dir.resolve("tiny4.ckpt"), 4, 5);
        goodVideo = SyntheticVideo.builder().size(48, 32).fps(30).sceneSeconds(2, 2, 2).build()
                .write(dir.resolve("good.mp4")).file();
    }

    /** Runs summarize into a fresh out folder and checks the failure is clean; returns the message. */
    static String failure(Path video, String... args) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime());
        List<String> all = new ArrayList<>(List.of("summarize", video.toString(), "--quiet", "--out", out.toString()));
        all.addAll(List.of(args));
        CommandRun r = CommandRun.of(all.toArray(new String[0]));
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
        assertTrue(r.err().startsWith("sspvs: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(out), "no output folder after a failure");
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("." + out.getFileName())),
                    "no temporary folder left");
        }
        return r.err();
    }

    static String[] withTinyModel(Path model, String... more) {
        List<String> all = new ArrayList<>(List.of("--model", model.toString()));
        all.addAll(List.of(SummarizeFixtures.tinyFeatureOptions()));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void textFileIsNotAVideo() throws IOException {
        Path fake = Files.writeString(dir.resolve("notes.mp4"), "these are notes, not a video\n".repeat(50));
        String err = failure(fake, withTinyModel(ckpt4));
        assertTrue(err.contains(fake.toString()) && err.contains("cannot open this as a video"), err);
    }

    @Test
    void zeroLengthFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        String err = failure(empty, withTinyModel(ckpt4));
        assertTrue(err.contains(empty.toString()) && err.contains("empty"), err);
    }

    @Test
    void audioOnlyFile() throws IOException {
        Path audio = SyntheticVideo.writeAudioOnly(dir.resolve("tone.m4a"), 3);
        String err = failure(audio, withTinyModel(ckpt4));
        assertTrue(err.contains(audio.toString()) && err.contains("no video stream"), err);
    }

    @Test
    void unreadableCodec() throws IOException {
        Path avi = SyntheticVideo.builder().size(48, 32).sceneSeconds(1).audio(false).build()
                .write(dir.resolve("codec.avi")).file();
        byte[] bytes = Files.readAllBytes(avi);
        String head = new String(bytes, 0, Math.min(4096, bytes.length), StandardCharsets.ISO_8859_1);
        String tag = head.contains("H264") ? "H264" : "FMP4";
        sspvs.Skip.unlessApplicable(head.contains(tag), "no known codec tag in the AVI header");
        for (int i = head.indexOf(tag); i >= 0; i = head.indexOf(tag, i + 1)) {
            System.arraycopy("ZZZ9".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, i, 4);
        }
        Path unknown = Files.write(dir.resolve("unknown-codec.avi"), bytes);
        String err = failure(unknown, withTinyModel(ckpt4));
        assertTrue(err.contains(unknown.toString()) && err.contains("codec"), err);
    }

    @Test
    void videoShorterThanOneShotOfTheSummary() throws IOException {
        Path shortVideo = SyntheticVideo.builder().size(48, 32).fps(30).sceneSeconds(1.5).build()
                .write(dir.resolve("short.mp4")).file();
        String err = failure(shortVideo, withTinyModel(ckpt4, "--ratio", "0.15"));
        assertTrue(err.contains(shortVideo.toString()) && err.contains("too short"), err);
    }

    @Test
    void missingModelOption() throws IOException {
        String err = failure(goodVideo, SummarizeFixtures.tinyFeatureOptions());
        assertTrue(err.contains("--model") && err.contains("sspvs run") && err.contains("pretrained_model.ckpt")
                && err.contains("untrained"), err);
    }

    @Test
    void anOutThatIsAFileIsAOneLineErrorNamingTheOption() throws IOException {
        Path file = Files.writeString(dir.resolve("taken.txt"), "mine");
        CommandRun r = CommandRun.of(Stream.concat(Stream.of("summarize", goodVideo.toString(), "--quiet", "--out",
                file.toString()), Stream.of(withTinyModel(ckpt4))).toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("sspvs: " + file + ": exists and is not a folder; choose another --out", r.err().strip());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aFolderGivenAsTheVideoIsSaidToBeAFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("clips.mp4"));
        String err = failure(folder, withTinyModel(ckpt4));
        assertTrue(err.contains(folder + ": is a folder, not a video file"), err);
    }

    @Test
    void aShortWindowAloneIsNotRefusedForTheDefaultHop() throws IOException {
        String err = failure(goodVideo, withTinyModel(ckpt4, "--window-steps", "500", "--window-hop", "600"));
        assertTrue(err.contains("--window-hop must be 1..--window-steps (500), got 600"), err);
        err = failure(goodVideo, withTinyModel(ckpt4, "--window-steps", "0"));
        assertTrue(err.contains("--window-steps must be 1..") && !err.contains("hop"), err);
        Path out = dir.resolve("window500");
        List<String> args = new ArrayList<>(List.of("summarize", goodVideo.toString(), "--quiet", "--out",
                out.toString()));
        args.addAll(List.of(withTinyModel(ckpt4, "--window-steps", "500")));
        CommandRun r = CommandRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("summary.json")), r.err());
    }

    @Test
    void aPictureTooSmallToEncodeGetsAReasonNotUnknownError() throws Exception {
        // issue 15 item 9: a 17x15 video ended, after all the work, in "Unknown error occurred" from the encoder
        Path tiny = oddSizedVideo(17, 15);
        String err = failure(tiny, withTinyModel(ckpt4));
        assertTrue(err.contains(tiny + ": the picture is 17x15 pixels; summary.mp4 needs at least 16x16"), err);
        // the smallest that works, odd sides included (made even for the encoder)
        Path smallest = oddSizedVideo(17, 17);
        Path out = dir.resolve("smallest-out");
        List<String> args = new ArrayList<>(List.of("summarize", smallest.toString(), "--quiet", "--out",
                out.toString()));
        args.addAll(List.of(withTinyModel(ckpt4)));
        CommandRun r = CommandRun.of(args.toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("summary.mp4")), r.err());
    }

    private static Path oddSizedVideo(int width, int height) throws Exception {
        sspvs.Skip.unless(ffmpegToolPresent(), "the ffmpeg command-line tool is not installed");
        Path video = dir.resolve("tiny" + width + "x" + height + ".mp4");
        // yuv444p: libx264 takes odd sides in that format
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc=size=" + width + "x" + height + ":rate=30:duration=6", "-c:v", "libx264", "-pix_fmt",
                "yuv444p", video.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        return video;
    }

    private static boolean ffmpegToolPresent() {
        try {
            return new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void missingModelFile() throws IOException {
        Path missing = dir.resolve("nowhere.ckpt");
        String err = failure(goodVideo, withTinyModel(missing));
        assertTrue(err.contains(missing.toString()) && err.contains("not found"), err);
    }

    @Test
    void corruptModelFile() throws IOException {
        byte[] good = Files.readAllBytes(ckpt4);
        Path cut = Files.write(dir.resolve("cut.ckpt"), java.util.Arrays.copyOf(good, good.length / 2));
        String err = failure(goodVideo, withTinyModel(cut));
        assertTrue(err.contains(cut.toString()), err);
    }

    @Test
    void featuresOfTheWrongWidth() throws IOException {
        Path out = dir.resolve("made-features");
        CommandRun ok = CommandRun.of(Stream.concat(Stream.of("summarize", goodVideo.toString(), "--quiet", "--ratio",
                "0.5", "--out", out.toString()), Stream.of(withTinyModel(ckpt4))).toArray(String[]::new));
        assertEquals(0, ok.exitCode(), ok.err());
        Path ckpt8 = SummarizeFixtures.tinyCheckpoint(dir.resolve("tiny8.ckpt"), 8, 5);
        Path features = out.resolve("features.h5");
        String err = failure(goodVideo, "--model", ckpt8.toString(), "--features", features.toString());
        assertTrue(err.contains(features.toString()) && err.contains("4-d") && err.contains("8-d"), err);
        // an extractor of the wrong width is refused before decoding
        err = failure(goodVideo, "--model", ckpt8.toString(), "--features-model",
                SummarizeFixtures.tinyOnnx().toString(), "--features-input", "8x8");
        assertTrue(err.contains("2-d") && err.contains("8-d"), err);
    }

    @Test
    void damagedFeaturesFile() throws IOException {
        Path text = Files.writeString(dir.resolve("text-features.h5"), "not an HDF5 file");
        String err = failure(goodVideo, "--model", ckpt4.toString(), "--features", text.toString());
        assertTrue(err.contains(text.toString()) && err.contains("not a readable features file"), err);
        Path good = dir.resolve("good-features.h5");
        sspvs.video.features.FeatureFile.write(good, new sspvs.video.features.VideoFeatures("good.mp4", "",
                new float[][] {{1, 2, 3, 4}, {5, 6, 7, 8}}, new int[] {0, 15}, new double[] {0, 0.5}, 30, 30, "", ""),
                null);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut-features.h5"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        err = failure(goodVideo, "--model", ckpt4.toString(), "--features", cut.toString());
        assertTrue(err.contains(cut.toString()), err);
    }

    @Test
    void failureLeavesAnEarlierOutputFolderAsItWas() throws IOException {
        Path out = Files.createDirectories(dir.resolve("kept"));
        Files.writeString(out.resolve("summary.json"), "{\"earlier\": true}");
        CommandRun r = CommandRun.of("summarize", goodVideo.toString(), "--quiet", "--out", out.toString(),
                "--model", dir.resolve("nowhere.ckpt").toString());
        assertEquals(2, r.exitCode());
        assertEquals("{\"earlier\": true}", Files.readString(out.resolve("summary.json")));
    }
}
