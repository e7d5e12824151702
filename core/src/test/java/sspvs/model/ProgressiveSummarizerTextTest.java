package sspvs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sspvs.model.ProgressiveSummarizerParityTest.assertClose;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.config.RunConfig;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;
import sspvs.train.ScoreLoss;
import sspvs.train.TorchAdam;
import sspvs.train.TorchCheckpointStore;
import sspvs.train.Trainer;
import sspvs.train.TrainingWindows;

/**
 * The summarizer's text guidance: the path pooled text → project_t_v → added at stage 0 against torch (fixture from
 * {@code tools/make_text_guide_fixture.py}), what learns and what stays frozen, checkpoints with the text parts, and
 * a reference-style checkpoint's {@code video_model.bert_*} tensors loading non-strictly (tiny BERT sizes).
 */
class ProgressiveSummarizerTextTest {
    /** A tiny BERT with the real vocabulary (token files hold bert-base-uncased ids): H 24, 1 layer, 12 heads. */
    static final BertConfig TINY_BERT = new BertConfig(24, 1, 12, 48, 30522, 64, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
    private static final SummarizerSpec SPEC = new SummarizerSpec(16, 2, 32, 1, 2, 0.1f, 0.1f, 0.1f);
    private static final long[] IDS = {101, 2678, 102, 2129, 2000, 102, 4937, 1998, 3899, 102};

    @TempDir
    Path dir;

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

    private static ProgressiveSummarizer tiny(TextTraining training, long seed) {
        return new ProgressiveSummarizer(SPEC, manager, seed, TextEncoderChoice.random(TINY_BERT, training));
    }

    @Test
    void pooledTextProjectedAndAddedAtStageZeroEqualsTorch() {
        ParityFixture f = ParityFixture.load("parity_text");
        int h = f.config.get("text_hidden").asInt();
        BertConfig bert = new BertConfig(h, 1, 2, 16, 100, 32, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(f.spec(), manager, 1,
                TextEncoderChoice.random(bert, TextTraining.POOLER_ONLY));
                NDManager step = manager.newSubManager()) {
            Map<String, ParameterTensor> weights = new LinkedHashMap<>();
            f.parameterNames.forEach(n -> weights.put(n, new ParameterTensor(f.shape("param/" + n),
                    f.values("param/" + n))));
            model.loadSome(weights);
            NDArray x = step.create(f.values("input"), new Shape(f.shape("input")));
            NDArray pooled = step.create(f.values("pooled"), new Shape(f.shape("pooled")));

            ProgressiveSummarizer.Output out = model.forwardWithPooledText(x, pooled, false);
            assertClose(f.values("score"), out.score().toFloatArray(), 1e-5, "final score");
            for (int i = 0; i < out.stageScores().size(); i++) {
                assertClose(f.values("stage/" + i), out.stageScores().get(i).toFloatArray(), 1e-5, "stage " + i);
            }
            assertClose(f.values("score_without_text"), model.forward(x, null, false).score().toFloatArray(), 1e-5,
                    "the same model without its text");

            // gradients through the projection and every stage, eval-mode maths as in the fixture
            float[][] gt = rows(f.values("gtscore"), (int) f.shape("gtscore")[1]);
            NDArray y = step.create(flatten(ScoreLoss.normaliseTargets(gt)), new Shape(f.shape("gtscore")));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = ScoreLoss.mse(model.forwardWithPooledText(x, pooled, false).score(), y);
                collector.backward(loss);
                assertEquals(f.values("loss")[0], loss.getFloat(), 1e-6, "loss");
            }
            Map<String, NDArray> learning = model.parameters();
            for (String name : f.parameterNames) {
                float[] expected = f.values("grad/" + name);
                assertClose(expected, learning.get(name).getGradient().toFloatArray(), 1e-5 + 1e-4 * maxAbs(expected),
                        "gradient of " + name);
            }
        }
    }

    @Test
    void textIdsGoThroughBertAndTheProjectionIntoStageZero() {
        float[][] video = randomVideo(9, 3);
        try (ProgressiveSummarizer model = tiny(TextTraining.POOLER_ONLY, 4); NDManager step = manager.newSubManager()) {
            assertTrue(model.textGuided());
            float[] guide = model.textGuide(step.create(IDS, new Shape(1, IDS.length)), false).toFloatArray();
            assertEquals(SPEC.dModel(), guide.length);
            assertArrayEquals(model.predict(video, guide), model.predictWithText(video, IDS), 1e-6f);
            long[] other = IDS.clone();
            other[3] = 3899;
            assertNotEquals(java.util.Arrays.toString(model.predictWithText(video, IDS)),
                    java.util.Arrays.toString(model.predictWithText(video, other)), "the text matters");
            assertThrows(IllegalStateException.class, () -> model.predict(video), "text-guided needs its text");
        }
    }

    @Test
    void videoPartStartsAsThePlainModelAndNamesFollowTheReference() {
        try (ProgressiveSummarizer plain = new ProgressiveSummarizer(SPEC, manager, 4);
                ProgressiveSummarizer text = tiny(TextTraining.POOLER_ONLY, 4)) {
            Map<String, ParameterTensor> withText = text.exportTensors();
            plain.exportTensors().forEach((n, t) -> assertEquals(t, withText.get(n), n));
            List<String> names = List.copyOf(withText.keySet());
            assertEquals("v_cls.weight", names.get(names.size() - 1));
            assertTrue(names.indexOf("score_predict.1.1.bias") < names.indexOf("bert_encoder.layer.0.output.dense.weight"));
            assertTrue(names.indexOf("bert_pooler.dense.bias") < names.indexOf("project_t_v.0.weight"));
            assertEquals(List.of(24L, 24L), List.of(text.parameterShapes().get("project_t_v.0.weight").getShape()[0],
                    text.parameterShapes().get("project_t_v.0.weight").getShape()[1]));
            assertEquals(new Shape(16, 24), text.parameterShapes().get("project_t_v.2.weight"));
        }
    }

    @Test
    void frozenBertStaysPutWhilePoolerAndProjectionLearn() {
        Map<String, ParameterTensor> before;
        Map<String, ParameterTensor> after;
        try (ProgressiveSummarizer model = tiny(TextTraining.POOLER_ONLY, 5)) {
            // only what learns reaches the optimiser and the training state
            assertTrue(model.parameters().keySet().stream().noneMatch(n -> n.startsWith("bert_embeddings.")
                    || n.startsWith("bert_encoder.")), model.parameters().keySet().toString());
            assertTrue(model.parameters().containsKey("bert_pooler.dense.weight"));
            assertTrue(model.parameters().containsKey("project_t_v.2.bias"));
            assertEquals(model.parameters().keySet(), model.exportLearningTensors().keySet());
            before = model.exportTensors();
            train(model, 3);
            after = model.exportTensors();
        }
        before.forEach((name, t) -> {
            boolean frozen = name.startsWith("bert_embeddings.") || name.startsWith("bert_encoder.");
            if (frozen) {
                assertEquals(t, after.get(name), "frozen " + name + " changed");
            } else if (!name.endsWith("LayerNorm.bias")) {
                assertNotEquals(t, after.get(name), name + " did not learn");
            }
        });
    }

    @Test
    void withoutTextTrainableThePoolerIsFrozenToo() {
        try (ProgressiveSummarizer model = tiny(TextTraining.forSummarizer(false), 6)) {
            assertFalse(model.parameters().containsKey("bert_pooler.dense.weight"));
            Map<String, ParameterTensor> before = model.exportTensors();
            train(model, 2);
            Map<String, ParameterTensor> after = model.exportTensors();
            assertEquals(before.get("bert_pooler.dense.weight"), after.get("bert_pooler.dense.weight"));
            assertNotEquals(before.get("project_t_v.0.weight"), after.get("project_t_v.0.weight"));
        }
    }

    @Test
    void checkpointRoundTripKeepsTheTextParts() {
        RunConfig config = RunConfig.load(Path.of("configs/ts_c_tg.yaml")).withOverrides("nhead_vid=2", "nhid_vid=32",
                "nlayers_vid=1", "iter=2");
        Path file = dir.resolve("tg.ckpt");
        float[][] video = randomVideo(11, 8);
        try (ProgressiveSummarizer model = tiny(TextTraining.POOLER_ONLY, 7)) {
            train(model, 1);
            new TorchCheckpointStore().save(file, model.exportTensors(), config, 0);
            try (SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(file, manager, null)) {
                assertTrue(loaded.model().textGuided());
                assertEquals(TINY_BERT.hidden(), loaded.model().textEncoder().config().hidden());
                assertTrue(loaded.report().complete(), loaded.report().describe());
                assertEquals(model.exportTensors(), loaded.model().exportTensors());
                assertArrayEquals(model.predictWithText(video, IDS), loaded.model().predictWithText(video, IDS));
            }
        }
    }

    @Test
    void referenceStyleCheckpointFillsTheTextEncoderNonStrictly() {
        Path file = dir.resolve("reference.ckpt");
        Map<String, ParameterTensor> source;
        try (ProgressiveSummarizer model = tiny(TextTraining.POOLER_ONLY, 8)) {
            source = model.exportTensors();
        }
        // as the authors' checkpoints: Lightning's prefix, no trained score heads, the SSL model's extra heads
        StateDict dict = new StateDict();
        source.forEach((n, t) -> {
            if (!n.startsWith("score_predict.")) {
                dict.put("video_model." + n, new TorchTensor(t.shape(), t.data()));
            }
        });
        dict.put("video_model.classifier.0.weight", new TorchTensor(new long[] {2, 3}, new float[6]));
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("with_info_guide", Boolean.TRUE);
        hyper.put("nhead_vid", 2L);
        hyper.put("nhid_vid", 32L);
        hyper.put("nlayers_vid", 1L);
        hyper.put("iter", 2L);
        hyper.put("pos_enc_weight", 0.1);
        hyper.put("dropout_vid", 0.1);
        hyper.put("dropout_predictor", 0.1);
        TorchCheckpoint.write(file, dict, Map.of("hyper_parameters", hyper));
        // like the authors' self-supervised file it has no score heads: loading it needs a config; its own
        // hyper_parameters say it is text-guided, whatever the fallback says
        RunConfig fallback = RunConfig.load(Path.of("configs/ts_c.yaml")).withOverrides("nhead_vid=2",
                "nhid_vid=32", "nlayers_vid=1", "iter=2");
        try (SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(file, manager, fallback)) {
            assertTrue(loaded.model().textGuided());
            assertEquals(List.of("score_predict.0.1.weight", "score_predict.0.1.bias", "score_predict.1.1.weight",
                    "score_predict.1.1.bias"), loaded.report().missing());
            assertEquals(List.of("video_model.classifier.0.weight"), loaded.report().unexpected());
            Map<String, ParameterTensor> got = loaded.model().exportTensors();
            source.forEach((n, t) -> {
                if (n.startsWith("bert_") || n.startsWith("project_t_v.")) {
                    assertEquals(t, got.get(n), n);
                }
            });
        }
    }

    /** Adam steps on random windows with text ids (dropout on), as the trainer takes them. */
    private static void train(ProgressiveSummarizer model, int steps) {
        Random random = new Random(3);
        try (TorchAdam adam = new TorchAdam(model.parameters(), model.scratchManager(), 1e-2)) {
            for (int s = 0; s < steps; s++) {
                float[][][] features = {randomVideo(8, random.nextInt()), randomVideo(8, random.nextInt())};
                float[][] gt = new float[2][8];
                for (float[] row : gt) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = random.nextFloat();
                    }
                }
                long[] other = IDS.clone();
                other[4] = 7592;
                Trainer.step(model, adam, new TrainingWindows.Batch(features, gt, new long[][] {IDS, other}));
            }
        }
    }

    private static float[][] randomVideo(int steps, long seed) {
        Random random = new Random(seed);
        float[][] v = new float[steps][SPEC.dModel()];
        for (float[] row : v) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        return v;
    }

    private static float[][] rows(float[] flat, int width) {
        float[][] out = new float[flat.length / width][];
        for (int r = 0; r < out.length; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return out;
    }

    private static float[] flatten(float[][] rows) {
        int n = rows[0].length;
        float[] out = new float[rows.length * n];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * n, n);
        }
        return out;
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
