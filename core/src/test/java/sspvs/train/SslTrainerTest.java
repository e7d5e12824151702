package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.config.SslConfig;
import sspvs.data.SslSamples;
import sspvs.data.SyntheticVideoText;
import sspvs.data.YtvtDirectory;
import sspvs.model.EngineThreads;
import sspvs.model.ParameterTensor;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;
import sspvs.model.io.LoadReport;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.model.ssl.SelfSupervisedModel;
import sspvs.model.ssl.SslModelSpec;
import sspvs.model.TextEncoderChoice;
import sspvs.text.TextInputBuilder;

/**
 * Pre-training on synthetic YTVT (topics shared by features and words; d 16, a one-layer 16-wide BERT): matching
 * is learnt, the masked-frame error falls, runs repeat under a seed, and the best checkpoint starts the summarizer.
 */
class SslTrainerTest {
    @TempDir
    static Path root;
    static final int DIM = 32;
    private static NDManager manager;
    private static YtvtDirectory data;
    private static SslConfig config;
    private static List<SslTrainer.EpochSummary> run;
    private static Path checkpoint;

    static SslConfig tinyConfig(int epochs) throws Exception {
        return SslConfig.load(Path.of("configs/ssl.yaml")).withOverrides("feature_dim=" + DIM, "nhead_vid=2",
                "nhid_vid=" + 2 * DIM, "nlayers_vid=2", "window_size=5", "max_video=24", "max_desc=20", "text_encoder=random",
                "text_layers=1", "text_hidden=" + DIM, "text_heads=2", "text_ffn=" + 2 * DIM, "lr=" + "0.003", "set_multiply=4",
                "max_epochs=" + epochs, "val_freq=2");
    }

    static SslSamples samples(YtvtDirectory dir, SslConfig c) {
        return new SslSamples(dir, new TextInputBuilder(101, 102, 0,
                new TextInputBuilder.Limits(c.maxCat(), c.maxQuery(), c.maxTitle(), c.maxDesc())), c.maxVideo());
    }

    @BeforeAll
    static void train() throws Exception {
        EngineThreads.set(1);
        manager = NDManager.newBaseManager();
        SyntheticVideoText.write(root.resolve("data"), new SyntheticVideoText.Spec(48, 4, DIM, 12, 48, 0.25, 5));
        data = YtvtDirectory.open(root.resolve("data"), "features", "info_embed", "list_file/train_list.json",
                "list_file/val_list.json", 1 << 24);
        config = tinyConfig(20);
        try (SelfSupervisedModel model = new SelfSupervisedModel(SslModelSpec.of(config),
                TextEncoderChoice.of(config), manager, config.seed())) {
            PretrainOutputs outputs = new PretrainOutputs(root.resolve("out"), config, Map.of("test", true), 1);
            long t0 = System.nanoTime();
            run = new SslTrainer(config, true).fit(model, data, samples(data, config), outputs);
            System.out.printf("SslTrainerTest: %d epochs in %.1f s%n", run.size(), (System.nanoTime() - t0) / 1e9);
            checkpoint = outputs.checkpoint();
        }
        for (SslTrainer.EpochSummary s : run) {
            System.out.println(s);
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void matchingAccuracyRisesWellAboveChance() {
        SslTrainer.Validation last = run.get(run.size() - 1).validation();
        SslTrainer.Validation first = run.get(1).validation();
        assertTrue(last.accuracy() >= 0.75, "validation matching accuracy " + first.accuracy() + " -> " + last.accuracy());
        assertTrue(run.get(run.size() - 1).trainAccuracy() >= 0.7, "training accuracy");
    }

    @Test
    void maskedFrameErrorFalls() {
        double first = run.get(0).mse();
        double last = run.get(run.size() - 1).mse();
        assertTrue(last < 0.7 * first, "masked-frame MSE " + first + " -> " + last);
        assertTrue(run.get(run.size() - 1).validation().mse() < run.get(1).validation().mse());
    }

    @Test
    void validationRunsEveryValFreqEpochsAndMarksTheBest() {
        double best = Double.NEGATIVE_INFINITY;
        for (SslTrainer.EpochSummary s : run) {
            assertEquals((s.epoch() + 1) % 2 == 0, s.validation() != null, "epoch " + s.epoch());
            if (s.validation() != null) {
                assertEquals(s.validation().accuracy() > best, s.best());
                best = Math.max(best, s.validation().accuracy());
                assertEquals(data.valIds().size() * 4, s.validation().examples());
            }
        }
    }

    @Test
    void outputsHoldMetricsRowsProvenanceAndALightningStyleCheckpoint() throws Exception {
        List<String> lines = Files.readAllLines(root.resolve("out").resolve(PretrainOutputs.METRICS));
        assertEquals(PretrainOutputs.HEADER, lines.get(0));
        assertEquals(run.size() + 1, lines.size());
        String provenance = Files.readString(root.resolve("out").resolve(PretrainOutputs.RUN));
        assertTrue(provenance.contains("\"best_val_video_text_acc\""), provenance);
        var contents = TorchCheckpoint.load(checkpoint);
        assertTrue(contents.stateDict().names().stream().allMatch(n -> n.startsWith("video_model.")));
        assertTrue(contents.stateDict().contains("video_model.v_mask.weight"));
        assertTrue(contents.stringEntry("sspvs_config").contains("\"model_name\" : \"ssl_model\""));
        assertEquals(run.size() - 1, TorchCheckpoint.load(root.resolve("out").resolve(PretrainOutputs.LAST))
                .longEntry("epoch"));
    }

    @Test
    void checkpointStartsTheSummarizerWithEncoderAndClassToken() {
        SummarizerSpec spec = new SummarizerSpec(DIM, 2, 2 * DIM, 2, 4, 0.1f, 0.1f, 0.1f);
        try (ProgressiveSummarizer summarizer = new ProgressiveSummarizer(spec, manager, 1)) {
            Map<String, long[]> expected = new LinkedHashMap<>();
            summarizer.parameterShapes().forEach((n, s) -> expected.put(n, s.getShape()));
            LoadReport report = NonStrictLoad.fromFile(checkpoint, NonStrictLoad.LIGHTNING_PREFIX, expected);
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                missing.add("score_predict." + i + ".1.weight");
                missing.add("score_predict." + i + ".1.bias");
            }
            assertEquals(missing.stream().sorted().toList(), report.missing().stream().sorted().toList());
            assertEquals(expected.size() - 8, report.matched().size());
            assertTrue(report.matched().containsKey("v_cls.weight"));
            assertTrue(report.unexpected().contains("video_model.v_mask.weight"));
            // load: matched tensors replace the fresh ones, score heads stay as initialised
            Map<String, ParameterTensor> tensors = new LinkedHashMap<>(summarizer.exportTensors());
            report.matched().forEach((n, t) -> tensors.put(n, new ParameterTensor(t.shape(), t.data())));
            summarizer.loadTensors(tensors);
            TorchTensor stored = TorchCheckpoint.read(checkpoint).get("video_model.transformer_encoder.layers.1.linear2.weight");
            assertArrayEquals(stored.data(), summarizer.exportParameters().get("transformer_encoder.layers.1.linear2.weight"));
            float[] scores = summarizer.predict(data.features(data.trainIds().get(0)));
            for (float s : scores) {
                assertTrue(s > 0 && s < 1);
            }
        }
    }

    @Test
    void equalSeedsRepeatTheRun() throws Exception {
        SslConfig short2 = tinyConfig(1).withOverrides("set_multiply=1");
        float[][] weights = new float[2][];
        double[] losses = new double[2];
        for (int k = 0; k < 2; k++) {
            try (SelfSupervisedModel model = new SelfSupervisedModel(SslModelSpec.of(short2),
                    TextEncoderChoice.of(short2), manager, short2.seed())) {
                String textWeight = "bert_encoder.layer.0.attention.self.query.weight";
                float[] textBefore = model.stateDict().get(textWeight).data();
                List<SslTrainer.EpochSummary> r = new SslTrainer(short2, true).fit(model, data, samples(data, short2),
                        (s, m, a) -> {});
                losses[k] = r.get(0).loss();
                weights[k] = model.stateDict().get("classifier.0.weight").data();
                // the text encoder learns too (text_trainable: everything, as in the reference)
                assertTrue(!java.util.Arrays.equals(textBefore, model.stateDict().get(textWeight).data()));
            }
        }
        assertEquals(losses[0], losses[1]);
        assertArrayEquals(weights[0], weights[1]);
    }
}
