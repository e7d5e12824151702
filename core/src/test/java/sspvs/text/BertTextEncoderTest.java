package sspvs.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BertTextEncoderTest {
    /** A small BERT: the same code paths as MiniLM, milliseconds per step. */
    static final BertConfig TINY = new BertConfig(32, 2, 4, 64, 120, 40, 2, 1e-12f, 0.1f, 0.1f, 0.02f);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private BertTextEncoder tiny(long seed) {
        BertTextEncoder encoder = new BertTextEncoder(TINY);
        encoder.initialize(manager, DataType.FLOAT32, new Shape(2, 6));
        encoder.resetParameters(seed);
        return encoder;
    }

    private NDArray ids() {
        return manager.create(new long[][] {{101, 7, 8, 9, 102, 0}, {101, 17, 18, 102, 0, 0}});
    }

    @Test
    void everyParameterHasItsTorchNameAndShape() {
        BertTextEncoder encoder = tiny(1);
        Map<String, Shape> shapes = encoder.parameterShapes();
        assertEquals(shapes.keySet(), encoder.namedParameters().keySet());
        encoder.namedParameters().forEach((name, p) -> assertEquals(shapes.get(name), p.getArray().getShape(), name));
        assertEquals(5 + 2 * 16 + 2, shapes.size());
        assertEquals(new Shape(64, 32), shapes.get("bert_encoder.layer.1.intermediate.dense.weight"));
        assertEquals(new Shape(32, 64), shapes.get("bert_encoder.layer.1.output.dense.weight"));
        // every DJL parameter of the block is reachable by a torch name, none twice
        assertEquals(encoder.getParameters().size(), Set.copyOf(encoder.namedParameters().values()).size());
    }

    @Test
    void bertBaseHasTheReferenceCheckpointLayout() {
        Map<String, Shape> shapes = new BertTextEncoder(BertConfig.bertBase()).parameterShapes();
        assertEquals(5 + 12 * 16 + 2, shapes.size());
        assertEquals(new Shape(30522, 768), shapes.get("bert_embeddings.word_embeddings.weight"));
        assertEquals(new Shape(3072, 768), shapes.get("bert_encoder.layer.11.intermediate.dense.weight"));
        assertEquals(new Shape(768, 768), shapes.get("bert_pooler.dense.weight"));
        long total = shapes.values().stream().mapToLong(Shape::size).sum();
        assertEquals(109_482_240L, total, "bert-base-uncased parameter count");
    }

    @Test
    void outputsSequenceAndTanhOfLinearFirstTokenAsPooled() {
        BertTextEncoder encoder = tiny(2);
        NDList out = encoder.forward(new ParameterStore(manager, false), new NDList(ids()), false);
        assertEquals(new Shape(2, 6, 32), out.get(0).getShape());
        assertEquals(new Shape(2, 32), out.get(1).getShape());
        NDArray w = encoder.namedParameters().get("bert_pooler.dense.weight").getArray();
        NDArray b = encoder.namedParameters().get("bert_pooler.dense.bias").getArray();
        NDArray expected = out.get(0).get(":, 0, :").matMul(w.transpose()).add(b).tanh();
        assertTrue(expected.allClose(out.get(1), 1e-6, 1e-6, false));
    }

    @Test
    void dropoutActsOnlyInTraining() {
        BertTextEncoder encoder = tiny(3);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray a = encoder.forward(ps, new NDList(ids()), false).get(0);
        NDArray b = encoder.forward(ps, new NDList(ids()), false).get(0);
        NDArray c = encoder.forward(ps, new NDList(ids()), true).get(0);
        assertTrue(a.contentEquals(b));
        assertFalse(a.allClose(c, 1e-4, 1e-4, false));
    }

    @Test
    void initialisationFollowsTorchBertUnderASeed() {
        Map<String, float[]> a = tiny(5).parameterValues();
        Map<String, float[]> again = tiny(5).parameterValues();
        Map<String, float[]> other = tiny(6).parameterValues();
        a.forEach((name, v) -> assertArrayEquals(v, again.get(name), name));
        assertNotEquals(a.get("bert_pooler.dense.weight")[0], other.get("bert_pooler.dense.weight")[0]);
        for (float v : a.get("bert_embeddings.LayerNorm.weight")) {
            assertEquals(1f, v);
        }
        for (float v : a.get("bert_encoder.layer.0.attention.self.key.bias")) {
            assertEquals(0f, v);
        }
        float[] w = a.get("bert_encoder.layer.0.intermediate.dense.weight");
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        assertEquals(0.02, Math.sqrt(sq / w.length), 0.002, "std of a weight");
    }

    @Test
    void resettingSomeParametersGivesThemTheirFullResetValues() {
        BertTextEncoder encoder = tiny(9);
        float[] pooler = encoder.parameterValues().get("bert_pooler.dense.weight");
        encoder.resetParameters(123);
        encoder.resetParameters(9, Set.of("bert_pooler.dense.weight"));
        assertArrayEquals(pooler, encoder.parameterValues().get("bert_pooler.dense.weight"));
    }

    @Test
    void loadsByNameAndReportsWhatItDidNotLoad() {
        BertTextEncoder source = tiny(10);
        BertTextEncoder target = tiny(11);
        Map<String, float[]> values = new java.util.LinkedHashMap<>(source.parameterValues());
        values.remove("bert_pooler.dense.weight");
        values.remove("bert_pooler.dense.bias");
        Set<String> missing = target.loadParameters(values);
        assertEquals(Set.of("bert_pooler.dense.weight", "bert_pooler.dense.bias"), missing);
        Map<String, float[]> loaded = target.parameterValues();
        values.forEach((name, v) -> assertArrayEquals(v, loaded.get(name), name));
    }

    @Test
    void initializingAgainAsPartOfALargerModelKeepsLoadedValuesAndFreezing() {
        BertTextEncoder encoder = tiny(20);
        encoder.loadParameters(tiny(21).parameterValues());
        encoder.setTraining(TextTraining.POOLER_ONLY);
        Map<String, float[]> before = encoder.parameterValues();
        encoder.initialize(manager, DataType.FLOAT32, new Shape(4, 9)); // e.g. a parent's initialize
        Map<String, float[]> after = encoder.parameterValues();
        before.forEach((name, v) -> assertArrayEquals(v, after.get(name), name));
        assertFalse(encoder.namedParameters().get("bert_encoder.layer.0.output.dense.weight").requiresGradient());
        assertTrue(encoder.namedParameters().get("bert_pooler.dense.bias").requiresGradient());
    }

    @Test
    void rejectsUnknownNamesAndWrongSizesBeforeCopying() {
        BertTextEncoder encoder = tiny(12);
        float[] before = encoder.parameterValues().get("bert_embeddings.LayerNorm.bias");
        Map<String, float[]> bad = new java.util.LinkedHashMap<>();
        bad.put("bert_embeddings.LayerNorm.bias", new float[32]);
        bad.put("bert.pooler.dense.weight", new float[32 * 32]);
        assertThrows(IllegalArgumentException.class, () -> encoder.loadParameters(bad));
        Map<String, float[]> wrongSize = Map.of("bert_embeddings.LayerNorm.weight", new float[31]);
        assertThrows(IllegalArgumentException.class, () -> encoder.loadParameters(wrongSize));
        assertArrayEquals(before, encoder.parameterValues().get("bert_embeddings.LayerNorm.bias"));
    }

    @Test
    void trainingPoliciesChooseWhichParametersGetGradients() {
        for (TextTraining policy : TextTraining.values()) {
            BertTextEncoder encoder = tiny(13);
            encoder.loadParameters(tiny(14).parameterValues()); // loading must keep gradients attachable
            encoder.setTraining(policy);
            if (policy == TextTraining.FROZEN) {
                encoder.namedParameters().forEach((name, p) -> assertFalse(p.getArray().hasGradient(), name));
                continue; // nothing to differentiate
            }
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = encoder.forward(new ParameterStore(manager, false), new NDList(ids()), true);
                collector.backward(out.get(1).sum().add(out.get(0).mul(out.get(0)).sum()));
            }
            Parameter pooler = encoder.namedParameters().get("bert_pooler.dense.weight");
            Parameter words = encoder.namedParameters().get("bert_embeddings.word_embeddings.weight");
            Parameter query = encoder.namedParameters().get("bert_encoder.layer.0.attention.self.query.weight");
            assertEquals(policy.poolerLearns(), learned(pooler), policy + " pooler");
            assertEquals(policy.encoderLearns(), learned(words), policy + " embeddings");
            assertEquals(policy.encoderLearns(), learned(query), policy + " encoder");
        }
        assertEquals(TextTraining.POOLER_ONLY, TextTraining.forSummarizer(true));
        assertEquals(TextTraining.FROZEN, TextTraining.forSummarizer(false));
        assertEquals(TextTraining.ALL, TextTraining.forSelfSupervised(true));
        assertEquals(TextTraining.FROZEN, TextTraining.forSelfSupervised(false));
    }

    private static boolean learned(Parameter p) {
        NDArray array = p.getArray();
        return array.hasGradient() && array.getGradient().abs().sum().getFloat() > 0;
    }

    @Test
    void attentionMaskHidesPaddingFromRealTokens() {
        BertTextEncoder encoder = tiny(15);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray mask = manager.create(new long[][] {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 0, 0}});
        NDArray changedPadding = manager.create(new long[][] {{101, 7, 8, 9, 102, 55}, {101, 17, 18, 102, 66, 77}});
        NDArray a = encoder.forward(ps, new NDList(ids(), mask), false).get(1);
        NDArray b = encoder.forward(ps, new NDList(changedPadding, mask), false).get(1);
        assertTrue(a.allClose(b, 1e-6, 1e-6, false), "masked positions cannot matter");
        NDArray c = encoder.forward(ps, new NDList(changedPadding), false).get(1);
        assertFalse(a.allClose(c, 1e-4, 1e-4, false), "without a mask (the reference) padding is attended to");
    }

    @Test
    void benchmarkTimesATrainingStep() {
        BertTextEncoder encoder = tiny(16);
        double ms = TextEncoderBenchmark.forwardBackwardMillis(encoder, manager, 2, 8, 1, 3, 1);
        assertTrue(ms > 0 && Double.isFinite(ms), "ms " + ms);
        assertTrue(encoder.namedParameters().get("bert_pooler.dense.weight").getArray().getGradient()
                .abs().sum().getFloat() > 0, "the step reached the pooler");
    }
}
