package sspvs.model.ssl;

import sspvs.model.TextEncoderChoice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sspvs.model.EngineThreads;
import sspvs.model.io.StateDict;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;

/** The self-supervised model: the reference's state_dict names and shapes, masking, shapes, gradients. */
class SelfSupervisedModelTest {
    static final SslModelSpec SMALL = new SslModelSpec(16, 2, 32, 2, 1f, 0.1f, 5, 0.1f);
    static final BertConfig TINY_TEXT = new BertConfig(8, 1, 2, 16, 30522, 64, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
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
    void referenceSizedModelHasTheReferenceStateDictNamesAndShapes() throws Exception {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/ckpt/reference_param_names.json")) {
            reference = new ObjectMapper().readTree(in).get("names").get("self_supervised");
        }
        List<String> expected = new ArrayList<>();
        for (JsonNode e : reference) {
            expected.add(e.get("name").asText() + " " + e.get("shape"));
        }
        // bert-base sizes (the reference's text encoder) and the reference's video sizes
        BertConfig bertBase = BertConfig.bertBase();
        try (SelfSupervisedModel model = new SelfSupervisedModel(SslModelSpec.reference(),
                TextEncoderChoice.random(bertBase, TextTraining.ALL), manager, 1)) {
            List<String> actual = new ArrayList<>();
            for (Map.Entry<String, Shape> e : model.parameterShapes().entrySet()) {
                actual.add(e.getKey() + " " + Arrays.toString(e.getValue().getShape()).replace(" ", ""));
            }
            List<String> expectedParams = new ArrayList<>(expected);
            expectedParams.removeIf(s -> s.startsWith("pos_encoder.pe "));
            // the reference registers the text encoder's modules encoder, embeddings, pooler; order within kept
            assertEquals(sorted(expectedParams), sorted(actual));
            assertEquals(expectedParams.stream().filter(s -> !s.startsWith("bert_")).toList(),
                    actual.stream().filter(s -> !s.startsWith("bert_")).toList());
        }
    }

    @Test
    void stateDictFollowsTheReferenceOrderWithThePositionalBuffer() {
        try (SelfSupervisedModel model = small(1)) {
            List<String> names = new ArrayList<>(model.stateDict().names());
            assertTrue(names.get(0).startsWith("bert_encoder.layer.0."), names.get(0));
            int mask = names.indexOf("v_mask.weight");
            assertEquals("v_cls.weight", names.get(mask - 1));
            assertEquals("pos_encoder.pe", names.get(mask + 1));
            assertEquals("transformer_encoder_naive.layers.0.self_attn.in_proj_weight", names.get(mask + 2));
            assertEquals("classifier.6.bias", names.get(names.size() - 1));
            StateDict dict = model.stateDict();
            assertArrayEquals(new long[] {5000, 1, 16}, dict.get("pos_encoder.pe").shape());
            model.parameterShapes().forEach((name, shape) ->
                    assertArrayEquals(shape.getShape(), dict.get(name).shape(), name));
        }
    }

    @Test
    void allEncoderLayersStartEqualAsTorchClonesDo() {
        try (SelfSupervisedModel model = small(4)) {
            StateDict dict = model.stateDict();
            float[] naive = dict.get("transformer_encoder_naive.layers.0.linear1.weight").data();
            assertArrayEquals(naive, dict.get("transformer_encoder.layers.0.linear1.weight").data());
            assertArrayEquals(naive, dict.get("transformer_encoder.layers.1.linear1.weight").data());
            assertNotEquals(dict.get("v_cls.weight").data()[0], dict.get("v_mask.weight").data()[0]);
        }
    }

    @Test
    void outputsHaveTheDocumentedShapes() {
        try (SelfSupervisedModel model = small(2); NDManager step = model.scratchManager().newSubManager()) {
            SelfSupervisedModel.Output out = model.forward(features(step, 3, 10, 16, 1), new int[] {0, 4, 9},
                    ids(step, 3, 12), false);
            assertEquals(new Shape(3, 16), out.predictedFrame().getShape());
            assertEquals(new Shape(3), out.matchLogit().getShape());
            assertEquals(new Shape(3, 11, 16), out.encodedFrames().getShape());
            assertEquals(new Shape(3, 12, 16), out.projectedWords().getShape());
            for (float p : out.matchProbability().toFloatArray()) {
                assertTrue(p > 0 && p < 1);
            }
        }
    }

    @Test
    void theMaskedFrameItselfIsNeverSeen() {
        try (SelfSupervisedModel model = small(3); NDManager step = model.scratchManager().newSubManager()) {
            int t = 10;
            int d = 16;
            float[] a = features(step, 2, t, d, 5).toFloatArray();
            float[] b = a.clone();
            int[] masked = {0, 6};
            for (int j = 0; j < d; j++) { // change only the masked frames
                b[(0 * t + 0) * d + j] += 3f;
                b[(1 * t + 6) * d + j] -= 3f;
            }
            NDArray text = ids(step, 2, 7);
            SelfSupervisedModel.Output outA = model.forward(step.create(a, new Shape(2, t, d)), masked, text, false);
            SelfSupervisedModel.Output outB = model.forward(step.create(b, new Shape(2, t, d)), masked, text, false);
            assertArrayEquals(outA.predictedFrame().toFloatArray(), outB.predictedFrame().toFloatArray(), 1e-6f);
            assertArrayEquals(outA.matchLogit().toFloatArray(), outB.matchLogit().toFloatArray(), 1e-6f);
            // while any other frame matters
            b[(0 * t + 1) * d] += 3f;
            SelfSupervisedModel.Output outC = model.forward(step.create(b, new Shape(2, t, d)), masked, text, false);
            assertNotEquals(outA.predictedFrame().getFloat(0, 0), outC.predictedFrame().getFloat(0, 0));
        }
    }

    @Test
    void everyTrainableParameterGetsAGradient() {
        try (SelfSupervisedModel model = small(4); NDManager step = model.scratchManager().newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                SelfSupervisedModel.Output out = model.forward(features(step, 2, 8, 16, 2), new int[] {1, 7},
                        ids(step, 2, 9), true);
                NDArray loss = out.predictedFrame().square().mean().add(out.matchLogit().sum())
                        .add(out.encodedFrames().mean()).add(out.projectedWords().square().mean());
                gc.backward(loss);
            }
            List<String> without = new ArrayList<>();
            model.trainableParameters().forEach((name, p) -> {
                float[] g = p.getGradient().toFloatArray();
                double sum = 0;
                for (float v : g) {
                    assertTrue(Float.isFinite(v), name);
                    sum += Math.abs(v);
                }
                if (sum == 0) {
                    without.add(name);
                }
            });
            // token-type row 1 is never used (types are all 0) but the row-0 part gets a gradient
            assertEquals(List.of(), without);
        }
    }

    @Test
    void frozenTextEncoderIsNotOptimised() {
        try (SelfSupervisedModel model = new SelfSupervisedModel(SMALL,
                TextEncoderChoice.random(TINY_TEXT, TextTraining.FROZEN), manager, 1)) {
            assertTrue(model.trainableParameters().keySet().stream().noneMatch(n -> n.startsWith("bert_")));
            assertTrue(model.parameterShapes().keySet().stream().anyMatch(n -> n.startsWith("bert_")));
        }
    }

    static SelfSupervisedModel small(long seed) {
        return new SelfSupervisedModel(SMALL, TextEncoderChoice.random(TINY_TEXT, TextTraining.ALL), manager, seed);
    }

    static NDArray features(NDManager m, int b, int t, int d, long seed) {
        Random random = new Random(seed);
        float[] v = new float[b * t * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return m.create(v, new Shape(b, t, d));
    }

    static NDArray ids(NDManager m, int b, int length) {
        long[][] ids = new long[b][length];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < length; j++) {
                ids[i][j] = 1000 + 37L * i + j;
            }
        }
        return m.create(ids);
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }
}
