package sspvs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Behaviour beyond torch parity: initialisation, the text hook, eval on one video, loading errors. */
class ProgressiveSummarizerTest {
    private static final SummarizerSpec SPEC = new SummarizerSpec(32, 4, 64, 2, 3, 0.1f, 0.1f, 0.1f);
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
    void initialisesLikeTorch() {
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 5)) {
            Map<String, float[]> p = model.exportParameters();
            // nn.Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weight and bias
            assertWithin(p.get("transformer_encoder.layers.0.linear1.weight"), 1 / Math.sqrt(32), true);
            assertWithin(p.get("transformer_encoder.layers.0.linear2.weight"), 1 / Math.sqrt(64), true);
            assertWithin(p.get("score_predict.2.1.bias"), 1 / Math.sqrt(32), false);
            // MultiheadAttention: xavier-uniform in_proj, zero biases
            assertWithin(p.get("transformer_encoder.layers.1.self_attn.in_proj_weight"), Math.sqrt(6.0 / 128), true);
            assertArrayEquals(new float[96], p.get("transformer_encoder.layers.0.self_attn.in_proj_bias"));
            assertArrayEquals(new float[32], p.get("transformer_encoder.layers.0.self_attn.out_proj.bias"));
            // LayerNorm 1 / 0
            float[] ones = new float[32];
            Arrays.fill(ones, 1f);
            assertArrayEquals(ones, p.get("transformer_encoder.layers.1.norm2.weight"));
            // torch's TransformerEncoder clones one layer: all layers start equal; heads differ
            assertArrayEquals(p.get("transformer_encoder.layers.0.linear1.weight"),
                    p.get("transformer_encoder.layers.1.linear1.weight"));
            assertNotEquals(Arrays.toString(p.get("score_predict.0.1.weight")),
                    Arrays.toString(p.get("score_predict.1.1.weight")));
            // the class token is N(0, 1)
            double sq = 0;
            for (float v : p.get("v_cls.weight")) {
                sq += v * v;
            }
            assertTrue(sq / 32 > 0.4 && sq / 32 < 2, "class token variance " + sq / 32);
        }
        try (ProgressiveSummarizer a = new ProgressiveSummarizer(SPEC, manager, 5);
                ProgressiveSummarizer b = new ProgressiveSummarizer(SPEC, manager, 5)) {
            assertEquals(a.exportTensors(), b.exportTensors(), "seeded");
        }
    }

    @Test
    void predictScoresEveryStepInZeroOneAndMatchesTheBatchedForward() {
        float[][] video = randomVideo(11, 32, 3);
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 5);
                NDManager step = manager.newSubManager()) {
            float[] scores = model.predict(video);
            assertEquals(11, scores.length);
            for (float s : scores) {
                assertTrue(s > 0 && s < 1);
            }
            NDArray x = step.create(flatten(video), new Shape(1, 11, 32));
            assertArrayEquals(scores, model.forward(x, null, false).score().toFloatArray());
            assertEquals(new Shape(1, 11), model.forward(x, null, false).stageScores().get(2).getShape());
        }
    }

    @Test
    void dropoutActsOnlyInTraining() {
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 5);
                NDManager step = manager.newSubManager()) {
            NDArray x = step.create(flatten(randomVideo(9, 32, 4)), new Shape(1, 9, 32));
            float[] eval = model.forward(x, null, false).score().toFloatArray();
            assertArrayEquals(eval, model.forward(x, null, false).score().toFloatArray());
            assertNotEquals(Arrays.toString(eval), Arrays.toString(model.forward(x, null, true).score().toFloatArray()));
        }
    }

    @Test
    void textGuideIsAddedAtStageZeroOnly() {
        float[][] video = randomVideo(6, 32, 5);
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 5)) {
            assertArrayEquals(model.predict(video), model.predict(video, new float[32]), "zero text = no text");
            float[] text = new float[32];
            Arrays.fill(text, 0.5f);
            assertNotEquals(Arrays.toString(model.predict(video)), Arrays.toString(model.predict(video, text)));
            assertThrows(IllegalArgumentException.class, () -> model.predict(video, new float[31]));
        }
    }

    @Test
    void loadingRejectsMissingUnknownAndMisshapenParameters() {
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 5)) {
            Map<String, float[]> values = new HashMap<>(model.exportParameters());
            values.put("pos_encoder.pe", new float[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.loadParameters(values));
            assertTrue(e.getMessage().contains("pos_encoder.pe"), e.getMessage());
            values.remove("pos_encoder.pe");
            values.put("v_cls.weight", new float[3]);
            assertThrows(IllegalArgumentException.class, () -> model.loadParameters(values));
            values.remove("v_cls.weight");
            e = assertThrows(IllegalArgumentException.class, () -> model.loadParameters(values));
            assertTrue(e.getMessage().contains("v_cls.weight"), e.getMessage());
        }
    }

    @Test
    void nonStrictLoadTakesWhatMatchesAndReportsTheRest() {
        try (ProgressiveSummarizer source = new ProgressiveSummarizer(SPEC, manager, 1);
                ProgressiveSummarizer target = new ProgressiveSummarizer(SPEC, manager, 2)) {
            Map<String, ParameterTensor> ssl = new java.util.LinkedHashMap<>(source.exportTensors());
            ssl.keySet().removeIf(k -> k.startsWith("score_predict.")); // the SSL checkpoint has no heads
            ssl.put("pos_encoder.pe", source.positionalEncoding().stateDictBuffer());
            float[] headBefore = target.exportParameters().get("score_predict.0.1.weight");
            ProgressiveSummarizer.LoadResult result = target.loadMatching(ssl);
            assertEquals(java.util.List.of("pos_encoder.pe"), result.unexpected());
            assertEquals(6, result.missing().size(), "3 heads x (weight, bias)");
            assertArrayEquals(source.exportParameters().get("transformer_encoder.layers.1.norm1.bias"),
                    target.exportParameters().get("transformer_encoder.layers.1.norm1.bias"));
            assertArrayEquals(headBefore, target.exportParameters().get("score_predict.0.1.weight"));
            ssl.put("v_cls.weight", new ParameterTensor(new long[] {2, 16}, new float[32]));
            assertThrows(IllegalArgumentException.class, () -> target.loadMatching(ssl));
        }
    }

    @Test
    void positionalBufferHasTorchsStateDictShape() {
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 5)) {
            ParameterTensor pe = model.positionalEncoding().stateDictBuffer();
            assertArrayEquals(new long[] {5000, 1, 32}, pe.shape());
            assertEquals(1f, pe.data()[1]); // cos(0)
        }
    }

    private static void assertWithin(float[] values, double bound, boolean spread) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound, "max " + max + " > bound " + bound);
        if (spread) {
            assertTrue(max > 0.9 * bound, "values should fill U(-b, b): max " + max + ", b " + bound);
        }
    }

    private static float[][] randomVideo(int t, int d, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[t][d];
        for (float[] row : v) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return v;
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        }
        return out;
    }
}
