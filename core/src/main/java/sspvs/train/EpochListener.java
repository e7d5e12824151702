package sspvs.train;

import sspvs.model.ProgressiveSummarizer;

/**
 * Called after every training epoch with the model in its current state (e.g. to evaluate it on held-out videos
 * with {@link ProgressiveSummarizer#predict}, log metrics or save a checkpoint) and the optimiser, whose
 * {@link TorchAdam#state()} a listener saves to make the run resumable. Runs on the training thread.
 */
@FunctionalInterface
public interface EpochListener {
    void onEpochEnd(EpochResult result, ProgressiveSummarizer model, TorchAdam optimizer);

    EpochListener NONE = (result, model, optimizer) -> {};
}
