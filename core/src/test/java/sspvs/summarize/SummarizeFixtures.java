package sspvs.summarize;

import ai.djl.ndarray.NDManager;
import java.net.URISyntaxException;
import java.nio.file.Path;
import sspvs.config.RunConfig;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.train.TorchCheckpointStore;

/** Small models for the summarize tests: a tiny checkpoint of any width and the committed tiny ONNX model. */
public final class SummarizeFixtures {
    private SummarizeFixtures() {}

    /** The committed tiny ONNX model (8x8 input; pool5/7x7_s1_2 gives 4 values). */
    public static Path tinyOnnx() {
        try {
            return Path.of(SummarizeFixtures.class.getResource("/sspvs/video/features/tiny-googlenet-like.onnx").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options that make the tiny ONNX model give its 4-d pool5 features. */
    public static String[] tinyFeatureOptions() {
        return new String[] {"--features-model", tinyOnnx().toString(), "--features-input", "8x8",
            "--features-output", "pool5/7x7_s1_2"};
    }

    /** A freshly initialised summarizer of feature width {@code d}, saved as an sspvs checkpoint. */
    public static Path tinyCheckpoint(Path file, int d, long seed) {
        RunConfig config = RunConfig.load(Path.of("configs/sm_c.yaml"))
                .withOverrides("nhead_vid=2", "nhid_vid=8", "nlayers_vid=1", "iter=2", "seed=" + seed);
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(SummarizerCheckpoints.specOf(d, config), m,
                        seed)) {
            new TorchCheckpointStore().save(file, model.exportTensors(), config, 0);
        }
        return file;
    }
}
