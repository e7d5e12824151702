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
import sspvs.config.SslConfig;
import sspvs.data.SslSamples;
import sspvs.data.VideoTextSource;
import sspvs.model.ssl.SelfSupervisedModel;
import sspvs.tensor.StagingBuffer;

/**
 * Self-supervised pre-training as the reference's Lightning loop runs it: per epoch, the learning rate from the
 * multi-step schedule, the training list repeated {@code set_multiply} times in order, batches of freshly drawn
 * examples ({@link SslSamples}), one torch-Adam step per batch on {@link SslLoss}; every {@code val_freq} epochs
 * (after epochs val_freq, 2·val_freq, ...) the video–text matching accuracy on the validation list, and the
 * listener learns whether that is the best so far (strictly higher than every earlier one, as Lightning's
 * {@code ModelCheckpoint} with mode max decides).
 *
 * <p>Validation draws its examples (crops, masks, partner texts) from a generator seeded with {@code seed + 1}
 * afresh each time, so every validation sees the same examples and epochs compare fairly (the reference redraws
 * them). Determinism: each epoch re-seeds its example draws ({@code new Random}) and dropout (the engine's
 * generator) from the seed and the epoch number, as {@link Trainer} does, so a run resumed after epoch k (from
 * {@link Start}) continues exactly as one never stopped.
 */
public final class SslTrainer {
    private final SslConfig config;
    private final SslLoss loss;
    private final boolean quiet;

    /** The loss terms and accuracy of one batch (before the update). */
    public record StepResult(int size, float loss, float bce, float mse, float contrast, double accuracy) {}

    /** Validation figures, averaged over examples. */
    public record Validation(double accuracy, double mse, double contrast, int examples) {}

    /**
     * One epoch's figures: training means over batches, validation (null in epochs without it) and whether it is
     * the best validation so far.
     */
    public record EpochSummary(int epoch, double learningRate, double loss, double bce, double mse, double contrast,
            double trainAccuracy, Validation validation, boolean best, double seconds) {}

    /**
     * Called at the end of each epoch, on the training thread, with the model and optimiser in their current state
     * (what a resumable run saves).
     */
    @FunctionalInterface
    public interface Listener {
        void onEpochEnd(EpochSummary summary, SelfSupervisedModel model, TorchAdam adam);
    }

    /**
     * Where training starts: after {@code epoch} completed epochs, with the optimiser's saved state (null for a
     * fresh one) and the best validation accuracy so far (negative infinity when none).
     */
    public record Start(int epoch, TorchAdam.State optimizer, double bestAccuracy) {
        public static final Start FRESH = new Start(0, null, Double.NEGATIVE_INFINITY);
    }

    public SslTrainer(SslConfig config, boolean quiet) {
        this.config = config;
        this.loss = new SslLoss(config.alpha1(), config.alpha2(), config.margin());
        this.quiet = quiet;
    }

    /** Trains for {@code max_epochs}; returns every epoch's summary (the listener has seen them already). */
    public List<EpochSummary> fit(SelfSupervisedModel model, VideoTextSource source, SslSamples samples,
            Listener listener) {
        return fit(model, source, samples, listener, Start.FRESH);
    }

    /** Trains epochs {@code start.epoch()} to {@code max_epochs - 1}; returns the summaries of those epochs. */
    public List<EpochSummary> fit(SelfSupervisedModel model, VideoTextSource source, SslSamples samples,
            Listener listener, Start start) {
        MultiStepSchedule schedule = new MultiStepSchedule(config.lr(), config.milestones(), config.gamma());
        List<String> train = source.trainIds();
        List<EpochSummary> summaries = new ArrayList<>();
        double bestAccuracy = start.bestAccuracy();
        StagingBuffer inputs = new StagingBuffer(); // every step's features in the same memory
        try (TorchAdam adam = new TorchAdam(model.trainableParameters(), model.scratchManager(), config.lr())) {
            if (start.optimizer() != null) {
                adam.restore(start.optimizer());
            }
            for (int epoch = start.epoch(); epoch < config.maxEpochs(); epoch++) {
                long epochSeed = Trainer.epochSeed(config.seed(), epoch);
                Engine.getInstance().setRandomSeed((int) epochSeed);
                Random random = new Random(epochSeed);
                adam.setLearningRate(schedule.rateAt(epoch));
                long began = System.nanoTime();
                List<List<String>> batches = SslSamples.epochBatches(train, config.setMultiply(),
                        config.batchSizeTrain());
                List<StepResult> steps = new ArrayList<>();
                try (ProgressBar bar = progressBar(epoch, batches.size())) {
                    for (List<String> ids : batches) {
                        StepResult r = step(model, adam, loss, samples.batch(ids, train, random), inputs);
                        Divergence.requireFiniteLoss(r.loss(), epoch, steps.size(), batches.size(),
                                adam.learningRate());
                        steps.add(r);
                        if (bar != null) {
                            bar.step();
                            bar.setExtraMessage(String.format(" loss %.4f", r.loss()));
                        }
                    }
                }
                Divergence.requireFiniteWeights(model.trainableParameters(), epoch,
                        adam.learningRate());
                Validation validation = null;
                boolean best = false;
                if ((epoch + 1) % config.valFreq() == 0 && !source.valIds().isEmpty()) {
                    validation = validate(model, source.valIds(), samples);
                    best = validation.accuracy() > bestAccuracy;
                    bestAccuracy = Math.max(bestAccuracy, validation.accuracy());
                }
                EpochSummary summary = new EpochSummary(epoch, adam.learningRate(),
                        mean(steps, StepResult::loss), mean(steps, StepResult::bce), mean(steps, StepResult::mse),
                        mean(steps, StepResult::contrast), weightedAccuracy(steps), validation, best,
                        (System.nanoTime() - began) / 1e9);
                summaries.add(summary);
                listener.onEpochEnd(summary, model, adam);
                NativeHeap.releaseAfterEpoch(); // as Trainer: free holes left by the epoch go back to the kernel
            }
        }
        return summaries;
    }

    /** One optimisation step (dropout on) on one batch; returns the batch's figures before the update. */
    public static StepResult step(SelfSupervisedModel model, TorchAdam adam, SslLoss loss, SslSamples.Batch batch) {
        return step(model, adam, loss, batch, new StagingBuffer());
    }

    /** As {@link #step(SelfSupervisedModel, TorchAdam, SslLoss, SslSamples.Batch)}, the features staged in {@code inputs}. */
    static StepResult step(SelfSupervisedModel model, TorchAdam adam, SslLoss loss, SslSamples.Batch batch,
            StagingBuffer inputs) {
        try (NDManager scratch = model.scratchManager().newSubManager()) {
            Inputs in = inputs(scratch, batch, inputs);
            StepResult result;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                SelfSupervisedModel.Output out = model.forward(in.features, batch.maskedPositions(), in.textIds, true);
                SslLoss.Terms terms = loss.compute(out, in.target, in.labels);
                collector.backward(terms.total());
                result = new StepResult(batch.size(), terms.total().getFloat(), terms.bce().getFloat(),
                        terms.mse().getFloat(), terms.contrast().getFloat(),
                        SslLoss.accuracy(out.matchLogit().toFloatArray(), batch.labels()));
            }
            adam.step();
            return result;
        }
    }

    /** Validation on {@code ids} (dropout off, no gradients), examples drawn from {@code seed + 1}. */
    public Validation validate(SelfSupervisedModel model, List<String> ids, SslSamples samples) {
        Random random = new Random(config.seed() + 1);
        double correct = 0;
        double mse = 0;
        double contrast = 0;
        int n = 0;
        StagingBuffer inputs = new StagingBuffer();
        for (List<String> batchIds : SslSamples.epochBatches(ids, config.setMultiply(), config.batchSizeVal())) {
            SslSamples.Batch batch = samples.batch(batchIds, ids, random);
            try (NDManager scratch = model.scratchManager().newSubManager()) {
                Inputs in = inputs(scratch, batch, inputs);
                SelfSupervisedModel.Output out = model.forward(in.features, batch.maskedPositions(), in.textIds, false);
                SslLoss.Terms terms = loss.compute(out, in.target, in.labels);
                int b = batch.size();
                correct += SslLoss.accuracy(out.matchLogit().toFloatArray(), batch.labels()) * b;
                mse += terms.mse().getFloat() * b;
                contrast += terms.contrast().getFloat() * b;
                n += b;
            }
        }
        return new Validation(correct / n, mse / n, contrast / n, n);
    }

    private record Inputs(NDArray features, NDArray textIds, NDArray target, NDArray labels) {}

    /** The batch as tensors in {@code scratch}, its features staged in {@code staging}. */
    private static Inputs inputs(NDManager scratch, SslSamples.Batch batch, StagingBuffer staging) {
        int b = batch.size();
        return new Inputs(staging.stage(scratch, batch.features(), new Shape(b, batch.steps(), batch.dim())),
                scratch.create(batch.textIds()),
                scratch.create(batch.maskedFrames(), new Shape(b, batch.dim())),
                scratch.create(batch.labels()));
    }

    private static double mean(List<StepResult> steps, java.util.function.ToDoubleFunction<StepResult> f) {
        return steps.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double weightedAccuracy(List<StepResult> steps) {
        double right = 0;
        int n = 0;
        for (StepResult s : steps) {
            right += s.accuracy() * s.size();
            n += s.size();
        }
        return n == 0 ? Double.NaN : right / n;
    }

    private ProgressBar progressBar(int epoch, int steps) {
        if (quiet) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName(String.format("pretrain epoch %d/%d", epoch + 1, config.maxEpochs()))
                .setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" steps", 1)
                .build();
    }
}
