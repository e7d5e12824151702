package sspvs.cli;

import sspvs.summarize.SummarizeFixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.video.features.FeatureFile;
import sspvs.video.synthetic.SyntheticVideo;
import sspvs.video.decode.VideoDecoder;
import sspvs.video.decode.VideoInfo;

/** The whole summarize pipeline on generated videos with a tiny checkpoint and the tiny ONNX feature model. */
class SummarizeCommandTest {
    @TempDir
    static Path shared;

    static Path video;
    static Path ckpt;
    static Path out;
    static CommandRun first;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void summariseOnce() throws IOException {
        video = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(2, 1.5, 2.5, 1, 2).build()
                .write(shared.resolve("clip.mp4")).file();
        ckpt = SummarizeFixtures.tinyCheckpoint(shared.resolve("tiny.ckpt"), 4, 11);
        out = shared.resolve("clip_summary");
        first = run(video, "--model", ckpt.toString(), "--ratio", "0.4", "--out", out.toString());
    }

    static CommandRun run(Path v, String... args) {
        List<String> all = new ArrayList<>(List.of("summarize", v.toString(), "--quiet"));
        all.addAll(List.of(SummarizeFixtures.tinyFeatureOptions()));
        all.addAll(List.of(args));
        return CommandRun.of(all.toArray(new String[0]));
    }

    record CsvShot(int index, double start, double end, int startFrame, int endFrame, int frames, double score,
            boolean selected) {}

    static List<CsvShot> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals("index,start_s,end_s,start_frame,end_frame,frames,score,selected", lines.get(0));
        List<CsvShot> shots = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            shots.add(new CsvShot(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]), Double.parseDouble(f[6]),
                    f[7].equals("1")));
        }
        return shots;
    }

    /** Seconds of audio decoded from a file (0 when it has none). */
    static double audioSeconds(Path file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            if (!g.hasAudio()) {
                return 0;
            }
            long samples = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                samples += f.samples.length > 1 ? f.samples[0].limit() : f.samples[0].limit() / g.getAudioChannels();
            }
            return samples / (double) g.getSampleRate();
        }
    }

    @Test
    void outputsAgreeWithEachOtherAndTheVideoKeepsItsSound() throws Exception {
        assertEquals(0, first.exitCode(), first.err());
        for (String name : List.of("summary.mp4", "shots.csv", "summary.json", "features.h5", "report.html")) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.matches("(?s).*\\d+ shots?; the summary keeps \\d+ shots?, .*"), "counts of shots");
        assertFalse(html.matches("(?s).*\\b1 shots\\b.*"), "'1 shot', not '1 shots'");
        JsonNode json = JSON.readTree(out.resolve("summary.json").toFile());
        List<CsvShot> csv = readCsv(out.resolve("shots.csv"));
        JsonNode shots = json.get("shots");
        assertEquals(shots.size(), csv.size());
        int frames = json.get("video").get("frames").asInt();
        assertEquals(0, json.get("video").get("damaged_frames").asInt(-1), "a clean video has no damaged frame");
        int selectedFrames = 0;
        double selectedSeconds = 0;
        int expectedStart = 0;
        for (int i = 0; i < csv.size(); i++) {
            CsvShot c = csv.get(i);
            JsonNode j = shots.get(i);
            assertEquals(expectedStart, c.startFrame(), "shots tile the video");
            expectedStart = c.endFrame() + 1;
            assertEquals(j.get("start_frame").asInt(), c.startFrame());
            assertEquals(j.get("end_frame").asInt(), c.endFrame());
            assertEquals(c.endFrame() - c.startFrame() + 1, c.frames());
            assertEquals(j.get("selected").asBoolean(), c.selected());
            assertEquals(j.get("score").asDouble(), c.score(), 1e-5);
            assertEquals(c.startFrame() / 30.0, c.start(), 1e-3);
            if (c.selected()) {
                selectedFrames += c.frames();
                selectedSeconds += c.end() - c.start();
            }
        }
        assertEquals(frames, expectedStart);
        int capacity = (int) Math.floor(frames * 0.4);
        assertEquals(capacity, json.get("selection").get("capacity_frames").asInt());
        assertEquals(selectedFrames, json.get("selection").get("selected_frames").asInt());
        assertTrue(selectedFrames > 0 && selectedFrames <= capacity, selectedFrames + " of " + capacity);
        assertEquals(json.get("features").get("steps").asInt(), json.get("step_scores").size());
        assertEquals("onnx:tiny-googlenet-like.onnx#pool5/7x7_s1_2", json.get("features").get("extractor").asText());
        assertEquals(64, json.get("model").get("sha256").asText().length());

        // the summary video: as long as the chosen shots, every chosen frame, and sound of the same length
        VideoInfo info = VideoDecoder.probe(out.resolve("summary.mp4"));
        assertTrue(info.hasAudio(), "summary.mp4 has an audio stream");
        int decoded = new VideoDecoder().decode(out.resolve("summary.mp4"), (s, f, img) -> { })
                .frameCount();
        assertEquals(selectedFrames, decoded, 2.0, "frames in summary.mp4");
        assertEquals(selectedSeconds, decoded / 30.0, 0.1);
        assertEquals(selectedSeconds, audioSeconds(out.resolve("summary.mp4")), 0.1, "audio as long as video");

        // nothing left behind beside the output folder
        try (Stream<Path> files = Files.list(shared)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".clip_summary")));
        }
    }

    @Test
    void summaryJsonCarriesRunJsonsSoftwareBlockBesideItsModelBlock() throws Exception {
        JsonNode json = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(sspvs.report.Provenance.software(), json.get("software"), "the one provenance writer's block");
        for (String key : List.of("file", "sha256", "origin", "architecture", "load_report", "score_heads_untrained",
                "scoring_windows")) {
            assertTrue(json.get("model").has(key), "summary.json's model block keeps " + key);
        }
    }

    @Test
    void progressBarsAndLinesGoToTheErrorWriterUnlessQuiet() {
        List<String> args = new ArrayList<>(List.of("summarize", video.toString()));
        args.addAll(List.of(SummarizeFixtures.tinyFeatureOptions()));
        args.addAll(List.of("--model", ckpt.toString(), "--ratio", "0.4", "--out",
                shared.resolve("bars").toString()));
        CommandRun loud = CommandRun.of(args.toArray(new String[0]));
        assertEquals(0, loud.exitCode(), loud.err());
        assertTrue(loud.err().contains("Decoding clip.mp4"), loud.err());
        assertTrue(loud.err().contains("Scoring "), loud.err());
        assertTrue(loud.err().contains("Writing summary.mp4"), loud.err());
        assertTrue(loud.err().contains("seconds:"), loud.err());
        assertEquals("", first.err(), "--quiet: nothing on the error stream");
    }

    @Test
    void outOverAUsersFolderIsRefusedAndItsOwnEarlierOutputReplaced() throws Exception {
        assertEquals(0, first.exitCode(), first.err());
        Path mine = Files.createDirectories(shared.resolve("mine/sub"));
        Files.writeString(shared.resolve("mine/notes.txt"), "mine");
        Files.writeString(mine.resolve("x.txt"), "mine too");
        Files.copy(video, shared.resolve("mine/clip.mp4"));
        CommandRun r = CommandRun.of("summarize", shared.resolve("mine/clip.mp4").toString(), "--quiet", "--model",
                ckpt.toString(), "--ratio", "0.4", "--features", out.resolve("features.h5").toString(), "--out",
                shared.resolve("mine").toString());
        assertEquals(UserException.EXIT_CODE, r.exitCode(), r.err());
        assertTrue(r.err().contains("not written by sspvs"), r.err());
        assertEquals("mine", Files.readString(shared.resolve("mine/notes.txt")));
        assertEquals("mine too", Files.readString(mine.resolve("x.txt")));
        assertTrue(Files.isRegularFile(shared.resolve("mine/clip.mp4")));
        try (var files = Files.list(shared.resolve("mine"))) {
            assertEquals(3, files.count(), "nothing added either");
        }
        // an earlier summary (only our files) is replaced as before
        Path again = shared.resolve("replaced");
        for (int i = 0; i < 2; i++) {
            r = CommandRun.of("summarize", video.toString(), "--quiet", "--model", ckpt.toString(), "--ratio", "0.4",
                    "--features", out.resolve("features.h5").toString(), "--out", again.toString());
            assertEquals(0, r.exitCode(), r.err());
        }
    }

    @Test
    void leftoversOfAnInterruptedSummarizeAreRemovedByTheNextRun() throws Exception {
        assertEquals(0, first.exitCode(), first.err());
        // what kill -9 left: a folder of this version (lock file, free) and one of an older one (no lock, old)
        Path killed = Files.createDirectories(shared.resolve(".resumed.tmp-" + java.util.UUID.randomUUID()));
        Files.writeString(killed.resolve(sspvs.io.TemporaryFolder.IN_USE), "");
        Files.writeString(killed.resolve("summary.mp4"), "half");
        Path older = Files.createDirectories(shared.resolve(".resumed.tmp-" + java.util.UUID.randomUUID()));
        Files.setLastModifiedTime(older, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                - 3_600_000));
        CommandRun r = CommandRun.of("summarize", video.toString(), "--quiet", "--model", ckpt.toString(),
                "--ratio", "0.4", "--features", out.resolve("features.h5").toString(), "--out",
                shared.resolve("resumed").toString());
        assertEquals(0, r.exitCode(), r.err());
        try (var files = Files.list(shared)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(".resumed")).toList(), "nothing hidden left beside the output");
        }
        assertTrue(Files.exists(shared.resolve("resumed/summary.json")));
        assertFalse(Files.exists(shared.resolve("resumed").resolve(sspvs.io.TemporaryFolder.IN_USE)));
    }

    @Test
    void nonFiniteScoresAreRefusedAndNoSummaryIsWritten() throws Exception {
        assertEquals(0, first.exitCode(), first.err());
        // finite weights whose products overflow: the model scores NaN (issue 15 item 2: it wrote a summary, exit 0)
        sspvs.model.io.CheckpointContents c = sspvs.model.io.TorchCheckpoint.load(ckpt);
        sspvs.model.io.StateDict dict = new sspvs.model.io.StateDict();
        c.stateDict().asMap().forEach((n, t) -> {
            boolean blow = n.endsWith("layers.0.linear1.weight") || n.endsWith("v_cls.weight");
            float[] data = t.data().clone();
            if (blow) {
                java.util.Arrays.fill(data, 3e38f);
            }
            dict.put(n, new sspvs.model.io.TorchTensor(t.shape(), data));
        });
        java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>(c.entries());
        extra.remove(sspvs.model.io.TorchCheckpoint.STATE_DICT_KEY);
        Path huge = shared.resolve("huge.ckpt");
        sspvs.model.io.TorchCheckpoint.write(huge, dict, extra);
        Path target = shared.resolve("nan_summary");
        CommandRun r = CommandRun.of("summarize", video.toString(), "--quiet", "--model", huge.toString(),
                "--ratio", "0.4", "--features", out.resolve("features.h5").toString(), "--out", target.toString());
        assertEquals(UserException.EXIT_CODE, r.exitCode(), r.out());
        assertTrue(r.err().contains("non-finite") && r.err().contains("no summary written"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(Files.exists(target), "nothing written");
    }

    @Test
    void featuresReadFromTheOutputFolderItReplacesAreKept() throws Exception {
        assertEquals(0, first.exitCode(), first.err());
        Path own = shared.resolve("own_summary");
        CommandRun r = CommandRun.of("summarize", video.toString(), "--quiet", "--model", ckpt.toString(),
                "--ratio", "0.4", "--out", own.toString(), "--features", out.resolve("features.h5").toString());
        assertEquals(0, r.exitCode(), r.err());
        r = CommandRun.of("summarize", video.toString(), "--quiet", "--model", ckpt.toString(), "--ratio", "0.3",
                "--features", own.resolve("features.h5").toString(), "--out", own.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(own.resolve("features.h5")), "the features it read are still there");
        assertEquals(4, FeatureFile.read(own.resolve("features.h5")).features().dimension());
        assertEquals(0.3, JSON.readTree(own.resolve("summary.json").toFile()).get("selection").get("ratio").asDouble(), 1e-9);
    }

    @Test
    void featuresFileIsReusedWithoutDecodingAndGivesTheSameSummary() throws Exception {
        assertEquals(0, first.exitCode(), first.err());
        FeatureFile.Contents stored = FeatureFile.read(out.resolve("features.h5"));
        assertEquals(4, stored.features().dimension());
        Path again = shared.resolve("again");
        CommandRun r = CommandRun.of("summarize", video.toString(), "--quiet", "--model", ckpt.toString(),
                "--ratio", "0.4", "--features", out.resolve("features.h5").toString(), "--out", again.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode a = JSON.readTree(out.resolve("summary.json").toFile());
        JsonNode b = JSON.readTree(again.resolve("summary.json").toFile());
        assertEquals(a.get("step_scores"), b.get("step_scores"));
        assertEquals(a.get("shots"), b.get("shots"));
        assertTrue(b.get("features").get("reused_from_file").asBoolean());
        assertTrue(b.get("video").get("damaged_frames").isNull(), "nothing decoded, nothing known");
        assertEquals(Files.readString(out.resolve("shots.csv")), Files.readString(again.resolve("shots.csv")));
    }

    @Test
    void reportRendersItsPlotInHeadlessChromium() throws Exception {
        assertEquals(0, first.exitCode(), first.err());
        Path chromium = sspvs.HeadlessChromium.require("render report.html");
        String dom = sspvs.HeadlessChromium.dumpDom(chromium, out.resolve("report.html"), shared);
        assertTrue(dom.contains("id=\"score-plot\""), "the script drew the SVG");
        assertTrue(dom.matches("(?s).*<path id=\"score-curve\" d=\"M[0-9.]+ [0-9.]+L.*"), "score curve path");
        assertTrue(dom.contains("class=\"selected-shot\""), "chosen shots highlighted");
        assertTrue(dom.contains("data:image/jpeg;base64,"), "thumbnails inline");
        assertTrue(dom.matches("(?s).*<video id=\"summary-video\"[^>]* poster=\"data:image/jpeg;base64,[^\"]+\".*"),
                "the video shows a kept shot's picture before it plays");
        assertFalse(dom.contains("http://") && dom.contains("<script src"), "no external scripts");
    }

    @Test
    void realTrailerWithSoundIsSummarised() throws Exception {
        Path megamind = Path.of("/usr/share/doc/opencv-doc/examples/data/Megamind.avi");
        sspvs.Skip.unless(Files.isReadable(megamind), megamind + " absent (Debian package opencv-doc)");
        Path outDir = shared.resolve("megamind");
        CommandRun r = run(megamind, "--model", ckpt.toString(), "--out", outDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = JSON.readTree(outDir.resolve("summary.json").toFile());
        int frames = json.get("video").get("frames").asInt();
        int selected = json.get("selection").get("selected_frames").asInt();
        assertTrue(selected > 0 && selected <= Math.floor(frames * 0.15), selected + " of " + frames);
        double fps = json.get("video").get("fps").asDouble();
        assertTrue(VideoDecoder.probe(outDir.resolve("summary.mp4")).hasAudio());
        int decoded = new VideoDecoder().decode(outDir.resolve("summary.mp4"), (s, f, img) -> { })
                .frameCount();
        assertEquals(selected, decoded, 2.0);
        assertEquals(selected / fps, audioSeconds(outDir.resolve("summary.mp4")), 0.1);
        assertEquals(readCsv(outDir.resolve("shots.csv")).size(), json.get("shots").size());
    }

    @Test
    void selfSupervisedReferenceCheckpointIsUsedOnlyWithAWarning() throws Exception {
        // the authors' pretrained_model.ckpt in miniature: video_model.* encoder, no score heads, SSL extras
        sspvs.model.io.StateDict dict = new sspvs.model.io.StateDict();
        sspvs.model.io.TorchCheckpoint.read(ckpt).asMap().forEach((name, t) -> {
            if (!name.contains("score_predict")) {
                dict.put(name, t);
            }
        });
        dict.put("video_model.classifier.weight", new sspvs.model.io.TorchTensor(new long[] {2, 4}, new float[8]));
        Path ssl = shared.resolve("pretrained_model.ckpt");
        java.util.Map<String, Object> hp = new java.util.LinkedHashMap<>();
        hp.put("nhead_vid", 2L);
        hp.put("nhid_vid", 8L);
        hp.put("nlayers_vid", 1L);
        sspvs.model.io.TorchCheckpoint.write(ssl, dict, java.util.Map.of("hyper_parameters", hp));

        CommandRun refused = run(video, "--model", ssl.toString(), "--out", shared.resolve("ssl-refused").toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("score heads") && refused.err().contains("sspvs run"), refused.err());

        Path config = Files.writeString(shared.resolve("tiny.yaml"), Files.readString(Path.of("configs/sm_c.yaml"))
                .replaceAll("(?m)^iter:.*$", "iter: 1")
                // the architecture the checkpoint states: a --config contradicting it is refused
                .replaceAll("(?m)^nhead_vid:.*$", "nhead_vid: 2").replaceAll("(?m)^nhid_vid:.*$", "nhid_vid: 8")
                .replaceAll("(?m)^nlayers_vid:.*$", "nlayers_vid: 1"));
        Path outDir = shared.resolve("ssl");
        CommandRun r = run(video, "--model", ssl.toString(), "--config", config.toString(), "--ratio", "0.4",
                "--out", outDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("no trained score heads"), r.err());
        assertTrue(r.err().contains("Loaded ") && r.err().contains("classifier"), "the load report: " + r.err());
        JsonNode json = JSON.readTree(outDir.resolve("summary.json").toFile());
        assertTrue(json.get("model").get("score_heads_untrained").asBoolean());
        assertEquals("REFERENCE", json.get("model").get("origin").asText());
        assertTrue(Files.readString(outDir.resolve("report.html")).contains("no trained score heads"));
    }
}
