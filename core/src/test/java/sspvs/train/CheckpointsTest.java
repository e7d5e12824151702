package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.ParameterTensor;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;

class CheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void roundTripRestoresParametersConfigAndPredictions() throws Exception {
        RunConfig config = RunConfig.load(Path.of("configs/sm_c.yaml")).withOverrides("lr=0.001");
        SummarizerSpec spec = new SummarizerSpec(16, 2, 32, 2, 3, 0.1f, 0.1f, 0.1f);
        Path file = dir.resolve("sub/model.ckpt");
        float[][] video = SyntheticVideos.make(1, 9, 9, 16, 4).get(0).features();
        CheckpointStore store = new TorchCheckpointStore();
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer a = new ProgressiveSummarizer(spec, m, 1);
                ProgressiveSummarizer b = new ProgressiveSummarizer(spec, m, 2)) {
            store.save(file, a.exportTensors(), config);
            CheckpointStore.Checkpoint loaded = store.load(file);
            assertEquals(config, loaded.config());
            assertEquals(a.exportTensors(), loaded.parameters());
            b.loadTensors(loaded.parameters());
            assertEquals(java.util.Arrays.toString(a.predict(video)), java.util.Arrays.toString(b.predict(video)));
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }

    @Test
    void restoreBuildsTheConfigsModelWithTheSavedWeights() {
        RunConfig config = RunConfig.load(Path.of("configs/ts_c.yaml"))
                .withOverrides("nhead_vid=2", "nhid_vid=8", "nlayers_vid=1", "iter=2");
        Path file = dir.resolve("m.ckpt");
        CheckpointStore store = new TorchCheckpointStore();
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer trained = new ProgressiveSummarizer(SummarizerSpec.of(SummarizerSpec.FEATURE_WIDTH, config), m, 9)) {
            Checkpoints.save(store, file, trained, config);
            try (ProgressiveSummarizer restored = Checkpoints.restore(store, file, m)) {
                assertEquals(SummarizerSpec.of(SummarizerSpec.FEATURE_WIDTH, config), restored.spec());
                assertEquals(trained.exportTensors(), restored.exportTensors());
            }
            store.save(file, trained.exportTensors(), config.withOverrides("iter=3"));
            UserException e = assertThrows(UserException.class, () -> Checkpoints.restore(store, file, m));
            assertTrue(e.getMessage().contains("score_predict.2"), e.getMessage());
        }
    }

    @Test
    void restoreRebuildsATextGuidedModelWithItsBert() {
        RunConfig config = RunConfig.load(Path.of("configs/ts_c_tg.yaml"))
                .withOverrides("nhead_vid=2", "nhid_vid=8", "nlayers_vid=1", "iter=2");
        Path file = dir.resolve("tg.ckpt");
        CheckpointStore store = new TorchCheckpointStore();
        sspvs.model.TextEncoderChoice tiny = sspvs.model.TextEncoderChoice.random(
                new sspvs.text.BertConfig(24, 1, 12, 48, 30522, 64, 2, 1e-12f, 0.1f, 0.1f, 0.02f),
                sspvs.text.TextTraining.POOLER_ONLY);
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer trained = new ProgressiveSummarizer(SummarizerSpec.of(SummarizerSpec.FEATURE_WIDTH, config), m, 9, tiny)) {
            Checkpoints.save(store, file, trained, config);
            try (ProgressiveSummarizer restored = Checkpoints.restore(store, file, m)) {
                assertTrue(restored.textGuided());
                assertEquals(24, restored.textEncoder().config().hidden());
                assertEquals(trained.exportTensors(), restored.exportTensors());
            }
            Map<String, ParameterTensor> noBert = new java.util.LinkedHashMap<>();
            trained.exportTensors().forEach((n, t) -> {
                if (!n.startsWith("bert_")) {
                    noBert.put(n, t);
                }
            });
            store.save(file, noBert, config);
            UserException e = assertThrows(UserException.class, () -> Checkpoints.restore(store, file, m));
            assertTrue(e.getMessage().contains("no BERT weights"), e.getMessage());
        }
    }

    @Test
    void damagedFileIsAUserErrorNamingIt() throws Exception {
        Path file = dir.resolve("bad.ckpt");
        Files.writeString(file, "not a checkpoint");
        UserException e = assertThrows(UserException.class, () -> new TorchCheckpointStore().load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        Path truncated = dir.resolve("cut.ckpt");
        new TorchCheckpointStore().save(truncated,
                Map.of("w", new ParameterTensor(new long[] {4}, new float[] {1, 2, 3, 4})),
                RunConfig.load(Path.of("configs/ts_c.yaml")));
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(UserException.class, () -> new TorchCheckpointStore().load(truncated));
    }
}
