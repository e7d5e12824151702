package sspvs.spark;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import sspvs.config.RunConfig;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.summarize.FeatureExtractorSettings;
import sspvs.summarize.SummarizePipeline;
import sspvs.train.TorchCheckpointStore;
import sspvs.video.synthetic.SyntheticVideo;

/**
 * A small video library for the batch tests: six generated videos (lengths 3.5 to 8 s, 12 to 30 fps, one without
 * audio, one with an upper-case extension, one in a subfolder whose name has a space and a non-ASCII letter and that
 * shares its file name with another), a text file named like a video and a truncated video; a tiny checkpoint over
 * 8-d colour-histogram features.
 */
public final class BatchFixtures {
    /** Histogram bins per channel: 2^3 = 8-d features, no model file needed. */
    public static final int BINS = 2;
    public static final double RATIO = 0.5;

    private BatchFixtures() {}

    /** Writes the library into {@code dir}; returns it. */
    public static Path library(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub dir é"));
        Path a = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(2, 2, 2).build()
                .write(dir.resolve("a.mp4")).file();
        SyntheticVideo.builder().size(48, 32).fps(25).sceneSeconds(1.5, 2).audio(false).build()
                .write(dir.resolve("silent.mp4"));
        SyntheticVideo.builder().size(64, 48).fps(15).sceneSeconds(2, 3).build().write(dir.resolve("UPPER.MP4"));
        SyntheticVideo.builder().size(48, 32).fps(24).sceneSeconds(2, 2, 1).build()
                .write(dir.resolve("sub dir é").resolve("a.mp4"));
        SyntheticVideo.builder().size(64, 48).fps(12).sceneSeconds(3, 2, 3).build().write(dir.resolve("long.mp4"));
        SyntheticVideo.builder().size(32, 32).fps(29.97).sceneSeconds(2, 2).build().write(dir.resolve("ntsc.mp4"));
        Files.writeString(dir.resolve("notes.mp4"), "these are notes, not a video\n".repeat(40),
                StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(a);
        Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(bytes, bytes.length / 3));
        Files.writeString(dir.resolve("readme.txt"), "not listed: not a video extension");
        return dir;
    }

    /** The six videos that summarise, and the two that fail, by file name. */
    public static final List<String> OK = List.of("a.mp4", "silent.mp4", "UPPER.MP4", "sub dir é/a.mp4", "long.mp4",
            "ntsc.mp4");
    public static final List<String> FAILED = List.of("notes.mp4", "cut.mp4");

    /** A freshly initialised tiny summarizer over the fixtures' features, saved as an sspvs checkpoint. */
    public static Path checkpoint(Path file) {
        RunConfig config = RunConfig.load(Path.of("configs/sm_c.yaml"))
                .withOverrides("nhead_vid=2", "nhid_vid=8", "nlayers_vid=1", "iter=2", "seed=3");
        int d = BINS * BINS * BINS;
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(SummarizerCheckpoints.specOf(d, config), m,
                        3)) {
            new TorchCheckpointStore().save(file, model.exportTensors(), config, 0);
        }
        return file;
    }

    public static PipelineSpec spec(Path checkpoint) {
        return PipelineSpec.of(SummarizePipeline.Settings.of(checkpoint)
                .withFeatures(FeatureExtractorSettings.colourHistogram(BINS)), null, RATIO);
    }

    /** The command-line options that give {@link #spec}. */
    public static List<String> options(Path checkpoint) {
        return new ArrayList<>(List.of("--model", checkpoint.toString(), "--test-histogram-bins", "" + BINS,
                "--ratio", "" + RATIO));
    }
}
