package sspvs.text;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.Random;

/**
 * Times one training step of the text encoder (forward in training mode, a scalar loss on the pooled
 * output, backward) on random token ids. Run {@link #main} for all-MiniLM-L6-v2 at batch 8 x 64
 * tokens (the reference's self-supervised text length) under each {@link TextTraining} policy.
 */
public final class TextEncoderBenchmark {
    private TextEncoderBenchmark() {}

    /** Median milliseconds of {@code repeats} steps after {@code warmup} untimed ones. */
    public static double forwardBackwardMillis(BertTextEncoder encoder, NDManager manager, int batch, int length,
            int warmup, int repeats, long seed) {
        return stepMillis(encoder, manager, batch, length, warmup, repeats, seed)[repeats / 2];
    }

    /** Milliseconds of each of {@code repeats} steps after {@code warmup} untimed ones, sorted. */
    public static double[] stepMillis(BertTextEncoder encoder, NDManager manager, int batch, int length,
            int warmup, int repeats, long seed) {
        Random random = new Random(seed);
        long[][] ids = new long[batch][length];
        for (long[] row : ids) {
            for (int t = 0; t < length; t++) {
                row[t] = 1 + random.nextInt(encoder.config().vocab() - 1);
            }
        }
        double[] times = new double[repeats];
        for (int i = 0; i < warmup + repeats; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray input = step.create(ids);
                long start = System.nanoTime();
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList out = encoder.forward(new ParameterStore(step, false), new NDList(input), true);
                    collector.backward(out.get(1).sum());
                }
                if (i >= warmup) {
                    times[i - warmup] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(times);
        return times;
    }
}
