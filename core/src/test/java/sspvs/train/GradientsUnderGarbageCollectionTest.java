package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sspvs.model.EngineThreads;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;
import sspvs.model.TextEncoderChoice;
import sspvs.model.ssl.SelfSupervisedModel;
import sspvs.model.ssl.SslModelSpec;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;

/**
 * The gradients of one training step do not depend on when the garbage collector runs: each model that trains
 * (the summarizer, with and without text guidance, and the pre-training model with its loss) gives bit for bit the
 * same gradients whether or not a collection, and reuse of the freed memory, happens between forward and backward.
 * With DJL's own scalar operations in the forward pass they did not ({@link sspvs.tensor.Scalars} says why): seeded
 * runs differed from process to process and now and then went NaN.
 */
class GradientsUnderGarbageCollectionTest {
    private static final SummarizerSpec SPEC = new SummarizerSpec(16, 2, 32, 2, 3, 0.1f, 0.1f, 0.1f);
    private static final BertConfig TINY_BERT = new BertConfig(8, 1, 2, 16, 30522, 64, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
    private static final SslModelSpec SSL = new SslModelSpec(16, 2, 32, 2, 1f, 0.1f, 5, 0.1f);
    private static NDManager manager;

    @BeforeAll
    static void open() {
        EngineThreads.set(1);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void summarizerGradientsAreTheSameWhenTheCollectorRunsMidStep() throws Exception {
        Function<Boolean, Map<String, float[]>> run = collect -> {
            try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3)) {
                return gradients(model.parameters(), model.scratchManager(), collect, step -> {
                    NDArray x = features(step, 2, 12, 16, 5);
                    NDArray target = step.randomUniform(0f, 1f, new Shape(2, 12));
                    return ScoreLoss.mse(model.forward(x, null, true).score(), target);
                });
            }
        };
        assertSameGradients(run.apply(false), run.apply(true));
    }

    @Test
    void textGuidedSummarizerGradientsAreTheSameWhenTheCollectorRunsMidStep() throws Exception {
        Function<Boolean, Map<String, float[]>> run = collect -> {
            try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3,
                    TextEncoderChoice.random(TINY_BERT, TextTraining.ALL))) {
                return gradients(model.parameters(), model.scratchManager(), collect, step -> {
                    NDArray x = features(step, 2, 12, 16, 5);
                    NDArray target = step.randomUniform(0f, 1f, new Shape(2, 12));
                    return ScoreLoss.mse(model.forwardWithText(x, ids(step, 2, 9), true).score(), target);
                });
            }
        };
        assertSameGradients(run.apply(false), run.apply(true));
    }

    @Test
    void pretrainingGradientsAreTheSameWhenTheCollectorRunsMidStep() throws Exception {
        Function<Boolean, Map<String, float[]>> run = collect -> {
            try (SelfSupervisedModel model = new SelfSupervisedModel(SSL,
                    TextEncoderChoice.random(TINY_BERT, TextTraining.ALL), manager, 1)) {
                return gradients(model.trainableParameters(), model.scratchManager(), collect, step -> {
                    SelfSupervisedModel.Output out = model.forward(features(step, 2, 10, 16, 2), new int[] {1, 7},
                            ids(step, 2, 9), true);
                    NDArray target = features(step, 1, 2, 16, 9).reshape(2, 16);
                    NDArray labels = step.create(new float[] {1f, 0f});
                    return SslLoss.reference().compute(out, target, labels).total();
                });
            }
        };
        assertSameGradients(run.apply(false), run.apply(true));
    }

    /**
     * Every parameter's gradient after one forward and backward (dropout drawn from a fixed seed); with
     * {@code collect}, garbage is collected between the two and the freed small blocks are taken again and filled.
     */
    private static Map<String, float[]> gradients(Map<String, NDArray> parameters, NDManager scratchParent,
            boolean collect, Function<NDManager, NDArray> loss) {
        try (NDManager step = scratchParent.newSubManager(); NDManager junk = scratchParent.newSubManager()) {
            Engine.getInstance().setRandomSeed(42);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.apply(step);
                if (collect) {
                    collectGarbageAndRefillFreedBlocks(junk);
                }
                collector.backward(value);
            }
            Map<String, float[]> out = new LinkedHashMap<>();
            parameters.forEach((name, p) -> out.put(name, p.getGradient().toFloatArray()));
            return out;
        }
    }

    private static void collectGarbageAndRefillFreedBlocks(NDManager junk) {
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(40); // the cleaner thread frees direct buffers after the collection found them
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        for (int i = 0; i < 500; i++) {
            junk.create(1e30f);
        }
    }

    private static void assertSameGradients(Map<String, float[]> quiet, Map<String, float[]> collected) {
        assertEquals(quiet.keySet(), collected.keySet());
        assertTrue(quiet.size() > 5);
        quiet.forEach((name, g) -> {
            float[] other = collected.get(name);
            int at = Arrays.mismatch(g, other); // bit for bit: NaN equals NaN, and -0 differs from 0
            assertEquals(-1, at, () -> name + "[" + at + "]: " + g[at] + " without a collection, " + other[at]
                    + " with one");
        });
    }

    private static NDArray features(NDManager m, int b, int t, int d, long seed) {
        Random random = new Random(seed);
        float[] v = new float[b * t * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return m.create(v, new Shape(b, t, d));
    }

    private static NDArray ids(NDManager m, int b, int length) {
        long[][] ids = new long[b][length];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < length; j++) {
                ids[i][j] = 1000 + 37L * i + j;
            }
        }
        return m.create(ids);
    }
}
