package sspvs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.train.TorchCheckpointStore;

class SummarizerCheckpointsTest {
    @TempDir
    Path dir;

    private static RunConfig tinyConfig() {
        return RunConfig.load(Path.of("configs/sm_c.yaml"))
                .withOverrides("nhead_vid=2", "nhid_vid=24", "nlayers_vid=2", "iter=3", "seed=7");
    }

    private static float[][] video(int steps, int d) {
        Random r = new Random(3);
        float[][] x = new float[steps][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void savedCheckpointLoadsWithItsConfigAndPredictsIdentically() throws Exception {
        RunConfig config = tinyConfig();
        SummarizerSpec spec = SummarizerCheckpoints.specOf(16, config);
        Path file = dir.resolve("out/model.ckpt");
        float[][] x = video(11, 16);
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer original = new ProgressiveSummarizer(spec, m, 123)) {
            new TorchCheckpointStore().save(file, original.exportTensors(), config, 5);
            try (SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(file, m, null)) {
                assertEquals(SummarizerCheckpoints.Origin.SSPVS, loaded.origin());
                assertEquals(config, loaded.config());
                assertEquals(spec, loaded.spec());
                assertEquals(5L, loaded.epoch());
                assertTrue(loaded.report().complete(), loaded.report().describe());
                assertTrue(loaded.report().unexpected().isEmpty(), loaded.report().describe());
                assertFalse(loaded.scoreHeadsUntrained());
                assertArrayEquals(original.predict(x), loaded.model().predict(x));
            }
            // the store's own load agrees, with names as the model uses them
            sspvs.train.TorchCheckpointStore.Checkpoint c = new TorchCheckpointStore().load(file);
            assertEquals(original.exportTensors(), c.parameters());
            assertEquals(config, c.config());
            // and the stored names are the reference's Lightning ones
            assertTrue(TorchCheckpoint.read(file).contains("video_model.v_cls.weight"));
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    /** Writes a Lightning-style checkpoint: video_model.* weights, extra modules, hyper_parameters. */
    private static Map<String, TorchTensor> referenceStyle(ProgressiveSummarizer model, Path file,
            Map<String, Object> hyper, boolean withHeads) {
        StateDict dict = new StateDict();
        Map<String, TorchTensor> written = new LinkedHashMap<>();
        model.exportTensors().forEach((name, t) -> {
            if (withHeads || !name.startsWith("score_predict.")) {
                TorchTensor tensor = new TorchTensor(t.shape(), t.data());
                dict.put("video_model." + name, tensor);
                written.put(name, tensor);
            }
        });
        dict.put("video_model.pos_encoder.pe", new TorchTensor(new long[] {4, 1, 16}, new float[64]));
        dict.put("text_model.embeddings.weight", new TorchTensor(new long[] {3, 2}, new float[6]));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("epoch", 39L);
        extra.put("global_step", 1234L);
        if (hyper != null) {
            extra.put("hyper_parameters", hyper);
        }
        TorchCheckpoint.write(file, dict, extra);
        return written;
    }

    private static Map<String, Object> hyper(int iter, boolean withIter) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("model_name", "sspvs");
        h.put("nhead_vid", 2L);
        h.put("nhid_vid", 24L);
        h.put("nlayers_vid", 2L);
        if (withIter) {
            h.put("iter", (long) iter);
        }
        h.put("pos_enc_weight", 0.1);
        h.put("dropout_vid", 0.1);
        h.put("dropout_predictor", 0.3);
        h.put("milestones", List.of(200L));
        return h;
    }

    @Test
    void referenceCheckpointLoadsFromItsHyperParametersReportingUnusedTensors() {
        Path file = dir.resolve("lightning.ckpt");
        float[][] x = video(9, 16);
        SummarizerSpec spec = new SummarizerSpec(16, 2, 24, 2, 3, 0.1f, 0.1f, 0.3f);
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer original = new ProgressiveSummarizer(spec, m, 9)) {
            referenceStyle(original, file, hyper(3, true), true);
            try (SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(file, m, null)) {
                assertEquals(SummarizerCheckpoints.Origin.REFERENCE, loaded.origin());
                assertEquals(spec, loaded.spec());
                assertEquals(39L, loaded.epoch());
                assertTrue(loaded.report().complete());
                assertEquals(List.of("video_model.pos_encoder.pe", "text_model.embeddings.weight"),
                        loaded.report().unexpected());
                assertArrayEquals(original.predict(x), loaded.model().predict(x));
            }
        }
    }

    @Test
    void selfSupervisedStyleCheckpointReportsUntrainedScoreHeads() {
        Path file = dir.resolve("pretrained_model.ckpt");
        SummarizerSpec spec = new SummarizerSpec(16, 2, 24, 2, 1, 0.1f, 0.1f, 0.1f);
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer original = new ProgressiveSummarizer(spec, m, 9)) {
            Map<String, Object> h = hyper(1, false);
            h.remove("dropout_predictor");
            referenceStyle(original, file, h, false);
            // without a config it cannot score: a clear message pointing at fine-tuning
            UserException e = assertThrows(UserException.class, () -> SummarizerCheckpoints.load(file, m, null));
            assertTrue(e.getMessage().contains("score heads") && e.getMessage().contains("until it is fine-tuned"),
                    e.getMessage());
            assertEquals(UserException.Remedy.FINE_TUNE_FIRST, e.remedy(), "the CLI names 'sspvs run' and --config");
            // with one, it loads the encoder and reports the heads missing
            RunConfig fallback = tinyConfig().withOverrides("iter=1");
            try (SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(file, m, fallback)) {
                assertTrue(loaded.scoreHeadsUntrained());
                assertEquals(List.of("score_predict.0.1.weight", "score_predict.0.1.bias"), loaded.report().missing());
                assertEquals(fallback.dropoutPredictor(), loaded.spec().dropoutPredictor(), 1e-6);
                assertEquals(original.exportTensors().get("v_cls.weight"),
                        loaded.model().exportTensors().get("v_cls.weight"));
            }
        }
    }

    @Test
    void shapeMismatchIsAUserErrorNamingTheParameter() {
        Path file = dir.resolve("mismatch.ckpt");
        SummarizerSpec spec = new SummarizerSpec(16, 2, 24, 2, 3, 0.1f, 0.1f, 0.3f);
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer original = new ProgressiveSummarizer(spec, m, 9)) {
            Map<String, Object> h = hyper(3, true);
            h.put("nhid_vid", 32L); // the file's FFN is 24 wide
            referenceStyle(original, file, h, true);
            UserException e = assertThrows(UserException.class, () -> SummarizerCheckpoints.load(file, m, null));
            assertTrue(e.getMessage().contains("transformer_encoder.layers.0.linear1.weight"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void missingHyperParameterWithoutConfigIsAClearError() {
        Path file = dir.resolve("nohp.ckpt");
        SummarizerSpec spec = new SummarizerSpec(16, 2, 24, 2, 3, 0.1f, 0.1f, 0.3f);
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer original = new ProgressiveSummarizer(spec, m, 9)) {
            referenceStyle(original, file, null, true);
            UserException e = assertThrows(UserException.class, () -> SummarizerCheckpoints.load(file, m, null));
            assertTrue(e.getMessage().contains("nhead_vid") && e.getMessage().contains("give the run config it was "
                    + "trained with"), e.getMessage());
            assertEquals(UserException.Remedy.GIVE_CONFIG, e.remedy());
            try (SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(file, m, tinyConfig())) {
                assertTrue(loaded.report().complete());
                assertNotEquals(null, loaded.config());
            }
        }
    }

    @Test
    void notACheckpointIsAUserErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("junk.ckpt");
        Files.writeString(file, "hello");
        try (NDManager m = NDManager.newBaseManager()) {
            UserException e = assertThrows(UserException.class, () -> SummarizerCheckpoints.load(file, m, null));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            Path empty = dir.resolve("weights.ckpt");
            TorchCheckpoint.write(empty, new StateDict().put("x", new TorchTensor(new long[] {1}, new float[1])),
                    Map.of());
            e = assertThrows(UserException.class, () -> SummarizerCheckpoints.load(empty, m, null));
            assertTrue(e.getMessage().contains("no video summarizer"), e.getMessage());
        }
    }
}
