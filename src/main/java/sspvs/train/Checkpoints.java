package sspvs.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import sspvs.config.RunConfig;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;

/** Saving a trained summarizer with its config, and rebuilding it from what was saved, through a {@link CheckpointStore}. */
public final class Checkpoints {
    private Checkpoints() {}

    public static void save(CheckpointStore store, Path file, ProgressiveSummarizer model, RunConfig config) {
        store.save(file, model.exportTensors(), config);
    }

    /**
     * A model of the saved config's size ({@link SummarizerSpec#of}) holding the saved parameters.
     *
     * @throws sspvs.UserException when the file's parameters do not fit the model its config describes
     */
    public static ProgressiveSummarizer restore(CheckpointStore store, Path file, NDManager manager) {
        CheckpointStore.Checkpoint checkpoint = store.load(file);
        ProgressiveSummarizer model = new ProgressiveSummarizer(SummarizerSpec.of(checkpoint.config()), manager, 0);
        try {
            model.loadTensors(checkpoint.parameters());
        } catch (IllegalArgumentException e) {
            model.close();
            throw new sspvs.UserException("checkpoint " + file + ": " + e.getMessage(), e);
        }
        return model;
    }
}
