package sspvs.server;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import sspvs.config.RunConfig;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.summarize.FeatureExtractorSettings;
import sspvs.summarize.SummarizePipeline;
import sspvs.train.TorchCheckpointStore;
import sspvs.video.synthetic.SyntheticVideo;

/** What the server tests run on: short generated videos and a tiny checkpoint over 8-d colour histograms. */
public final class ServeFixtures {
    /** Histogram bins per channel: 2^3 = 8-d features, no model file to fetch. */
    static final int BINS = 2;

    private ServeFixtures() {}

    /** A 6 s, 64x48, 15 fps video with sound and three scenes. */
    static Path video(Path file) throws IOException {
        return SyntheticVideo.builder().size(64, 48).fps(15).sceneSeconds(2, 2, 2).build().write(file).file();
    }

    /** A freshly initialised tiny summarizer over {@link #BINS}-bin histograms, saved as an sspvs checkpoint. */
    public static Path checkpoint(Path file) {
        RunConfig config = RunConfig.load(Path.of("configs/sm_c.yaml"))
                .withOverrides("nhead_vid=2", "nhid_vid=8", "nlayers_vid=1", "iter=2", "seed=3");
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(
                        SummarizerCheckpoints.specOf(BINS * BINS * BINS, config), m, 3)) {
            new TorchCheckpointStore().save(file, model.exportTensors(), config, 0);
        }
        return file;
    }

    static SummarizePipeline.Settings settings(Path checkpoint) {
        return SummarizePipeline.Settings.of(checkpoint).withFeatures(FeatureExtractorSettings.colourHistogram(BINS));
    }

    static Supplier<SummarizePipeline> pipelines(Path checkpoint) {
        SummarizePipeline.Settings s = settings(checkpoint);
        return () -> SummarizePipeline.open(s);
    }
}
