package sspvs.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import sspvs.data.VideoRecord;
import sspvs.model.ProgressiveSummarizer;

/**
 * Trains a {@link ProgressiveSummarizer} on training videos as the reference's Lightning loop does: per epoch,
 * the learning rate from the multi-step schedule, the epoch's windows ({@link TrainingWindows}), one Adam step per
 * batch on the MSE of {@link ScoreLoss}, then the listener.
 *
 * <p>Determinism: crops come from {@code new Random(seed)} and dropout from the engine's generator, seeded with the
 * same seed when {@link #fit} starts; on CPU two fits with one seed give identical losses.
 */
public final class Trainer {
    private final TrainingOptions options;

    public Trainer(TrainingOptions options) {
        this.options = options;
    }

    /** Runs every epoch; returns each epoch's result (the listener has seen them already). */
    public List<EpochResult> fit(ProgressiveSummarizer model, List<VideoRecord> trainVideos, EpochListener listener) {
        if (trainVideos.isEmpty()) {
            throw new IllegalArgumentException("no training videos");
        }
        Engine.getInstance().setRandomSeed((int) options.seed());
        Random crops = new Random(options.seed());
        TrainingWindows windows = new TrainingWindows(options.maxVideo(), options.batchSize(), options.setMultiply());
        MultiStepSchedule schedule = options.schedule();
        List<EpochResult> results = new ArrayList<>();
        try (TorchAdam adam = new TorchAdam(model.parameters(), model.scratchManager(), options.lr())) {
            for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
                adam.setLearningRate(schedule.rateAt(epoch));
                long start = System.nanoTime();
                List<TrainingWindows.Batch> batches = windows.epoch(trainVideos, crops);
                List<Float> losses = new ArrayList<>();
                try (ProgressBar bar = progressBar(epoch, batches.size())) {
                    for (TrainingWindows.Batch batch : batches) {
                        float loss = step(model, adam, batch);
                        losses.add(loss);
                        if (bar != null) {
                            bar.step();
                            bar.setExtraMessage(String.format(" loss %.4f", loss));
                        }
                    }
                }
                EpochResult result = new EpochResult(epoch, adam.learningRate(), losses,
                        (System.nanoTime() - start) / 1e9);
                results.add(result);
                listener.onEpochEnd(result, model);
            }
        }
        return results;
    }

    /** One optimisation step on one batch (dropout on); returns the batch's loss before the update. */
    public static float step(ProgressiveSummarizer model, TorchAdam adam, TrainingWindows.Batch batch) {
        int b = batch.size();
        int t = batch.gtscore()[0].length;
        int d = model.spec().dModel();
        try (NDManager scratch = model.scratchManager().newSubManager()) {
            NDArray x = scratch.create(flatten(batch.features(), t, d), new Shape(b, t, d));
            NDArray target = scratch.create(flatten(ScoreLoss.normaliseTargets(batch.gtscore())), new Shape(b, t));
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = ScoreLoss.mse(model.forward(x, null, true).score(), target);
                collector.backward(loss);
                value = loss.getFloat();
            }
            adam.step();
            return value;
        }
    }

    private ProgressBar progressBar(int epoch, int steps) {
        if (options.quiet()) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(String.format("epoch %d/%d", epoch + 1, options.maxEpochs()))
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1)
                .build();
    }

    static float[] flatten(float[][][] batch, int t, int d) {
        float[] out = new float[batch.length * t * d];
        for (int b = 0; b < batch.length; b++) {
            for (int i = 0; i < t; i++) {
                System.arraycopy(batch[b][i], 0, out, (b * t + i) * d, d);
            }
        }
        return out;
    }

    static float[] flatten(float[][] rows) {
        int n = rows[0].length;
        float[] out = new float[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * n, n);
        }
        return out;
    }
}
