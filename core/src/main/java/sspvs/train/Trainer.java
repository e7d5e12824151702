package sspvs.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import sspvs.data.VideoRecord;
import sspvs.model.ProgressiveSummarizer;
import sspvs.tensor.StagingBuffer;

/**
 * Trains a {@link ProgressiveSummarizer} on training videos as the reference's Lightning loop does: per epoch,
 * the learning rate from the multi-step schedule, the epoch's windows ({@link TrainingWindows}), one Adam step per
 * batch on the MSE of {@link ScoreLoss}, then the listener.
 *
 * <p>Determinism: at the start of every epoch e both random streams are re-seeded from (seed, e) — the crops'
 * {@code java.util.Random} and the engine's generator that draws dropout masks — so on CPU two fits with one seed
 * give identical losses, and a fit resumed at epoch e ({@link Start}) continues exactly as the uninterrupted one
 * would have (the generators' states themselves cannot be saved, their seeds can). The reference seeds once per
 * process instead; its streams (CUDA, numpy) are not reproducible here either way.
 *
 * <p>Text guidance: a text-guided model ({@link ProgressiveSummarizer#textGuided()}) needs every training video's
 * token ids ({@link sspvs.text.TextInputBuilder#forTraining}, one length); they go through BERT with dropout on, as
 * the reference's BERT modules stay in train mode. Only {@link ProgressiveSummarizer#parameters()} (what learns)
 * reach Adam.
 */
public final class Trainer {
    private final TrainingOptions options;

    public Trainer(TrainingOptions options) {
        this.options = options;
    }

    /**
     * Where a fit starts: the first epoch to run and, when resuming, the optimiser's state after the epoch before
     * it (the model's parameters are the caller's to restore).
     */
    public record Start(int epoch, TorchAdam.State optimizer) {
        public static final Start FRESH = new Start(0, null);

        public Start {
            if (epoch < 0 || (epoch > 0 && optimizer == null)) {
                throw new IllegalArgumentException("a fit resumed at epoch " + epoch + " needs the optimiser state");
            }
        }
    }

    /** Runs every epoch; returns each epoch's result (the listener has seen them already). */
    public List<EpochResult> fit(ProgressiveSummarizer model, List<VideoRecord> trainVideos, EpochListener listener) {
        return fit(model, trainVideos, listener, Start.FRESH);
    }

    /** Runs epochs {@code start.epoch()} to {@code maxEpochs - 1}, the optimiser restored from {@code start}. */
    public List<EpochResult> fit(ProgressiveSummarizer model, List<VideoRecord> trainVideos, EpochListener listener,
            Start start) {
        return fit(model, trainVideos, null, listener, start);
    }

    /**
     * As {@link #fit(ProgressiveSummarizer, List, EpochListener, Start)} with each training video's token ids by
     * video key: required for a text-guided model, null otherwise.
     */
    public List<EpochResult> fit(ProgressiveSummarizer model, List<VideoRecord> trainVideos,
            Map<String, long[]> trainingTextIds, EpochListener listener, Start start) {
        if (trainVideos.isEmpty()) {
            throw new IllegalArgumentException("no training videos");
        }
        if (model.textGuided() != (trainingTextIds != null)) {
            throw new IllegalArgumentException(model.textGuided() ? "a text-guided model needs the videos' text ids"
                    : "text ids given to a model without text guidance");
        }
        TrainingWindows windows = new TrainingWindows(options.maxVideo(), options.batchSize(), options.setMultiply());
        MultiStepSchedule schedule = options.schedule();
        List<EpochResult> results = new ArrayList<>();
        StagingBuffer inputs = new StagingBuffer(); // every step's features in the same memory
        try (TorchAdam adam = new TorchAdam(model.parameters(), model.scratchManager(), options.lr())) {
            if (start.optimizer() != null) {
                adam.restore(start.optimizer());
            }
            for (int epoch = start.epoch(); epoch < options.maxEpochs(); epoch++) {
                long epochSeed = epochSeed(options.seed(), epoch);
                Engine.getInstance().setRandomSeed((int) epochSeed);
                Random crops = new Random(epochSeed);
                adam.setLearningRate(schedule.rateAt(epoch));
                long begin = System.nanoTime();
                List<TrainingWindows.Batch> batches = windows.epoch(trainVideos, trainingTextIds, crops);
                List<Float> losses = new ArrayList<>();
                try (ProgressBar bar = progressBar(epoch, batches.size())) {
                    for (TrainingWindows.Batch batch : batches) {
                        float loss = step(model, adam, batch, inputs);
                        Divergence.requireFiniteLoss(loss, epoch, losses.size(), batches.size(), adam.learningRate());
                        losses.add(loss);
                        if (bar != null) {
                            bar.step();
                            bar.setExtraMessage(String.format(" loss %.4f", loss));
                        }
                    }
                }
                Divergence.requireFiniteWeights(model.parameters(), epoch,
                        adam.learningRate());
                EpochResult result = new EpochResult(epoch, adam.learningRate(), losses,
                        (System.nanoTime() - begin) / 1e9);
                results.add(result);
                listener.onEpochEnd(result, model, adam);
                NativeHeap.releaseAfterEpoch(); // the epoch's odd-shaped leftovers go back; the next epoch re-warms once
                // the next epoch's peak (metrics.csv peak_rss_mb) is its own, counted from the trimmed heap: reset
                // before the trim, it started at this epoch's leftovers and the column could only rise
                ResidentMemory.resetPeak();
            }
        }
        return results;
    }

    /** The seed of epoch e's random streams: a fixed mix of the run's seed and e (epoch 0 uses the seed itself). */
    static long epochSeed(long seed, int epoch) {
        return epoch == 0 ? seed : seed + 0x9E3779B97F4A7C15L * epoch;
    }

    /** One optimisation step on one batch (dropout on); returns the batch's loss before the update. */
    public static float step(ProgressiveSummarizer model, TorchAdam adam, TrainingWindows.Batch batch) {
        return step(model, adam, batch, new StagingBuffer());
    }

    /** As {@link #step(ProgressiveSummarizer, TorchAdam, TrainingWindows.Batch)}, the features staged in {@code inputs}. */
    static float step(ProgressiveSummarizer model, TorchAdam adam, TrainingWindows.Batch batch, StagingBuffer inputs) {
        int b = batch.size();
        int t = batch.gtscore()[0].length;
        int d = model.spec().dModel();
        try (NDManager scratch = model.scratchManager().newSubManager()) {
            NDArray x = inputs.stage(scratch, batch.features(), t, d);
            NDArray target = scratch.create(flatten(ScoreLoss.normaliseTargets(batch.gtscore())), new Shape(b, t));
            NDArray ids = batch.textIds() == null ? null
                    : scratch.create(flatten(batch.textIds()), new Shape(b, batch.textIds()[0].length));
            if (model.textGuided() != (ids != null)) {
                throw new IllegalArgumentException("the batch's text ids do not fit the model's text guidance");
            }
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ProgressiveSummarizer.Output out = ids == null ? model.forward(x, null, true)
                        : model.forwardWithText(x, ids, true);
                NDArray loss = ScoreLoss.mse(out.score(), target);
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

    static long[] flatten(long[][] rows) {
        int n = rows[0].length;
        long[] out = new long[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * n, n);
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
