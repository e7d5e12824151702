package sspvs.cli;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
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

    /** The text encoders {@code --text} offers. */
    enum TextEncoder {
        MINILM_L6("minilm-l6"), RANDOM("random");

        final String label;

        TextEncoder(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }

        /** Parses the label (picocli matches enum constants by name; these have a hyphen). */
        static final class Converter implements picocli.CommandLine.ITypeConverter<TextEncoder> {
            @Override
            public TextEncoder convert(String value) {
                for (TextEncoder t : values()) {
                    if (t.label.equalsIgnoreCase(value.strip())) {
                        return t;
                    }
                }
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not one of "
                        + java.util.Arrays.toString(values()));
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "8", converter = Ranges.AtLeastOne.class,
            description = "batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "256", converter = Ranges.AtLeastOne.class,
            description = "feature steps per video, max_video (default: ${DEFAULT-VALUE})")
    int steps;

    @Mixin
    BenchModelSizes sizes;

    @Option(names = "--tokens", defaultValue = "64",
            description = "text length in tokens, >= 2 (default: ${DEFAULT-VALUE}, the reference's)")
    int tokens;

    @Option(names = "--text", defaultValue = "minilm-l6", converter = TextEncoder.Converter.class,
            completionCandidates = TextEncoderLabels.class,
            description = "text encoder: ${COMPLETION-CANDIDATES} (minilm-l6: bundled weights; default: "
                    + "${DEFAULT-VALUE})")
    TextEncoder text;

    /** The labels of {@link TextEncoder}, for the help text. */
    static final class TextEncoderLabels extends java.util.ArrayList<String> {
        TextEncoderLabels() {
            for (TextEncoder t : TextEncoder.values()) {
                add(t.label);
            }
        }
    }

    @Option(names = "--text-layers", defaultValue = "6", converter = Ranges.AtLeastOne.class,
            description = "text encoder layers (default: ${DEFAULT-VALUE})")
    int textLayers;

    @Option(names = "--text-hidden", defaultValue = "384", converter = Ranges.AtLeastOne.class,
            description = "width of a random text encoder (default: ${DEFAULT-VALUE})")
    int textHidden;

    @Option(names = "--warmup", defaultValue = "1", converter = Ranges.AtLeastZero.class,
            description = "untimed steps first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Mixin
    BenchRunOptions run;

    @Override
    public Integer call() {
        if (tokens < 2) {
            throw new UserException("bench pretrain: --tokens must be at least 2 ([CLS] and [SEP]), got " + tokens);
        }
        int dim = sizes.dim;
        int repeats = run.repeats;
        long seed = run.seed;
        SslModelSpec modelSpec;
        TextEncoderChoice textChoice;
        try {
            modelSpec = new SslModelSpec(dim, sizes.heads, sizes.ffn, sizes.layers, 1f, 0.1f, 9, 0.1f);
            textChoice = switch (text) {
                case MINILM_L6 -> TextEncoderChoice.miniLm(textLayers, TextTraining.ALL);
                case RANDOM -> {
                    BertConfig base = BertConfig.miniLmL6();
                    int textHeads = textHidden % 12 == 0 ? 12 : textHidden % 2 == 0 ? 2 : 1;
                    yield TextEncoderChoice.random(new BertConfig(textHidden, textLayers, textHeads, 4 * textHidden,
                            base.vocab(), base.maxPositions(), base.typeVocab(), base.layerNormEps(),
                            base.hiddenDropout(), base.attentionDropout(), base.initializerRange()), TextTraining.ALL);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new UserException("bench pretrain: " + e.getMessage());
        }
        run.applyThreads();
        PrintWriter out = spec.commandLine().getOut();
        Random random = new Random(seed);
        SslSamples.Batch data = randomBatch(random, textChoice.config().vocab());
        try (NDManager manager = NDManager.newBaseManager();
                SelfSupervisedModel model = new SelfSupervisedModel(modelSpec, textChoice, manager, seed);
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
            out.printf("sspvs bench pretrain: DJL/libtorch CPU, %d threads; batch %d x %d steps x d %d, "
                            + "%d+1 encoder layers (FFN %d, %d heads), text %s %d layers x %d tokens; %,d parameters "
                            + "(%,d learning)%n", EngineThreads.get(), batch, steps, dim, sizes.layers, sizes.ffn,
                    sizes.heads, text,
                    textLayers, tokens, model.parameterCount(),
                    model.trainableParameters().values().stream().mapToLong(a -> a.getShape().size()).sum());
            List<String> each = new ArrayList<>();
            for (double m : ms) {
                each.add(String.format("%.0f", m));
            }
            out.printf("training step: %.1f ms (median of %d after %d warm-up; each: %s ms)%n", median, repeats,
                    warmup, String.join(", ", each));
            out.flush();
        }
        return 0;
    }

    private SslSamples.Batch randomBatch(Random random, int vocab) {
        int dim = sizes.dim;
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
