package sspvs.cli;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sspvs.UserException;
import sspvs.data.SslSamples;
import sspvs.model.EngineThreads;
import sspvs.model.ssl.SelfSupervisedModel;
import sspvs.model.ssl.SslModelSpec;
import sspvs.model.TextEncoderChoice;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;
import sspvs.train.SslLoss;
import sspvs.train.SslTrainer;
import sspvs.train.TorchAdam;

/**
 * {@code sspvs bench pretrain}: milliseconds per self-supervised training step (forward, loss, backward, Adam over
 * the video model and the whole text encoder) on random data, by default at the reference's sizes: batch 8,
 * {@code max_video} 256, d 1024, 3 + 1 encoder layers, all-MiniLM-L6-v2 on 64 tokens.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Time one self-supervised pre-training step (random data, CPU).")
public final class BenchPretrainCommand implements Callable<Integer> {

    @Option(names = "--batch", defaultValue = "8", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "256", description = "feature steps per video, max_video (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--dim", defaultValue = "1024", description = "feature width d (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--heads", defaultValue = "8", description = "attention heads (default: ${DEFAULT-VALUE})")
    int heads;

    @Option(names = "--ffn", defaultValue = "4096", description = "feed-forward width (default: ${DEFAULT-VALUE})")
    int ffn;

    @Option(names = "--layers", defaultValue = "3", description = "main encoder layers (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--tokens", defaultValue = "64", description = "text length in tokens (default: ${DEFAULT-VALUE}, the reference's)")
    int tokens;

    @Option(names = "--text", defaultValue = "minilm-l6",
            description = "text encoder: minilm-l6 (bundled weights) or random (default: ${DEFAULT-VALUE})")
    String text;

    @Option(names = "--text-layers", defaultValue = "6", description = "text encoder layers (default: ${DEFAULT-VALUE})")
    int textLayers;

    @Option(names = "--text-hidden", defaultValue = "384", description = "width of a random text encoder (default: ${DEFAULT-VALUE})")
    int textHidden;

    @Option(names = "--warmup", defaultValue = "1", description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeats", defaultValue = "3", description = "timed steps; the median is reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--threads", description = "libtorch intra-op threads (default: the engine's choice)")
    Integer threads;

    @Option(names = "--seed", defaultValue = "0", description = "seed for weights and data (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (batch < 1 || steps < 1 || tokens < 2 || warmup < 0 || repeats < 1) {
            throw new UserException("bench pretrain: sizes and --repeats must be positive, --warmup >= 0");
        }
        SslModelSpec spec;
        TextEncoderChoice textChoice;
        try {
            spec = new SslModelSpec(dim, heads, ffn, layers, 1f, 0.1f, 9, 0.1f);
            if ("minilm-l6".equals(text)) {
                textChoice = TextEncoderChoice.miniLm(textLayers, TextTraining.ALL);
            } else if ("random".equals(text)) {
                BertConfig base = BertConfig.miniLmL6();
                int textHeads = textHidden % 12 == 0 ? 12 : textHidden % 2 == 0 ? 2 : 1;
                textChoice = TextEncoderChoice.random(new BertConfig(textHidden, textLayers, textHeads, 4 * textHidden,
                        base.vocab(), base.maxPositions(), base.typeVocab(), base.layerNormEps(), base.hiddenDropout(),
                        base.attentionDropout(), base.initializerRange()), TextTraining.ALL);
            } else {
                throw new UserException("bench pretrain: --text must be minilm-l6 or random, got " + text);
            }
        } catch (IllegalArgumentException e) {
            throw new UserException("bench pretrain: " + e.getMessage());
        }
        if (threads != null) {
            EngineThreads.set(threads);
        }
        Random random = new Random(seed);
        SslSamples.Batch data = randomBatch(random, textChoice.config().vocab());
        try (NDManager manager = NDManager.newBaseManager();
                SelfSupervisedModel model = new SelfSupervisedModel(spec, textChoice, manager, seed);
                TorchAdam adam = new TorchAdam(model.trainableParameters(), model.scratchManager(), 1e-6)) {
            SslLoss loss = SslLoss.reference();
            for (int i = 0; i < warmup; i++) {
                SslTrainer.step(model, adam, loss, data);
            }
            double[] ms = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                SslTrainer.step(model, adam, loss, data);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            double median = repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
            System.out.printf("sspvs bench pretrain: DJL/libtorch CPU, %d threads; batch %d x %d steps x d %d, "
                            + "%d+1 encoder layers (FFN %d, %d heads), text %s %d layers x %d tokens; %,d parameters "
                            + "(%,d learning)%n", EngineThreads.get(), batch, steps, dim, layers, ffn, heads, text,
                    textLayers, tokens, model.parameterCount(),
                    model.trainableParameters().values().stream().mapToLong(a -> a.getShape().size()).sum());
            List<String> each = new ArrayList<>();
            for (double m : ms) {
                each.add(String.format("%.0f", m));
            }
            System.out.printf("training step: %.1f ms (median of %d after %d warm-up; each: %s ms)%n", median, repeats,
                    warmup, String.join(", ", each));
        }
        return 0;
    }

    private SslSamples.Batch randomBatch(Random random, int vocab) {
        float[] features = new float[batch * steps * dim];
        for (int i = 0; i < features.length; i++) {
            features[i] = Math.max(0f, (float) random.nextGaussian()); // non-negative like pool5
        }
        int[] masked = new int[batch];
        float[] frames = new float[batch * dim];
        long[][] ids = new long[batch][tokens];
        float[] labels = new float[batch];
        for (int b = 0; b < batch; b++) {
            masked[b] = random.nextInt(steps);
            System.arraycopy(features, (b * steps + masked[b]) * dim, frames, b * dim, dim);
            for (int t = 0; t < tokens; t++) {
                ids[b][t] = 1000 + random.nextInt(vocab - 1000);
            }
            labels[b] = random.nextBoolean() ? 1f : 0f;
        }
        return new SslSamples.Batch(batch, steps, dim, features, masked, frames, ids, labels);
    }
}
