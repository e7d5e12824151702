package sspvs.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import sspvs.config.RunConfig;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;
import sspvs.model.TextEncoderChoice;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;

/** Saving a trained summarizer with its config, and rebuilding it from what was saved, through a {@link CheckpointStore}. */
public final class Checkpoints {
    private Checkpoints() {}

    public static void save(CheckpointStore store, Path file, ProgressiveSummarizer model, RunConfig config) {
        store.save(file, model.exportTensors(), config);
    }

    /**
     * A model of the saved config's size ({@link SummarizerSpec#of}) holding the saved parameters; text-guided, with
     * a BERT of the saved tensors' sizes, when the config says {@code with_info_guide}.
     *
     * @throws sspvs.UserException when the file's parameters do not fit the model its config describes
     */
    public static ProgressiveSummarizer restore(CheckpointStore store, Path file, NDManager manager) {
        CheckpointStore.Checkpoint checkpoint = store.load(file);
        TextEncoderChoice text = null;
        if (checkpoint.config().withInfoGuide()) {
            Map<String, long[]> shapes = new LinkedHashMap<>();
            checkpoint.parameters().forEach((name, t) -> shapes.put(name, t.shape()));
            BertConfig bert;
            try {
                bert = BertConfig.inferFrom(shapes);
            } catch (IllegalArgumentException e) {
                throw new sspvs.UserException("checkpoint " + file + ": " + e.getMessage(), e);
            }
            if (bert == null) {
                throw new sspvs.UserException("checkpoint " + file + ": its config is text-guided but it holds no "
                        + "BERT weights");
            }
            text = TextEncoderChoice.random(bert, TextTraining.forSummarizer(checkpoint.config().textTrainable()));
        }
        ProgressiveSummarizer model = new ProgressiveSummarizer(SummarizerSpec.of(SummarizerSpec.FEATURE_WIDTH, checkpoint.config()), manager, 0,
                text);
        try {
            model.loadTensors(checkpoint.parameters());
        } catch (IllegalArgumentException e) {
            model.close();
            throw new sspvs.UserException("checkpoint " + file + ": " + e.getMessage(), e);
        }
        return model;
    }
}
