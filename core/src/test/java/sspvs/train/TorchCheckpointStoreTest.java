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

class TorchCheckpointStoreTest {
    @TempDir
    Path dir;

    @Test
    void roundTripRestoresParametersConfigAndPredictions() throws Exception {
        RunConfig config = RunConfig.load(Path.of("configs/sm_c.yaml")).withOverrides("lr=0.001");
        SummarizerSpec spec = new SummarizerSpec(16, 2, 32, 2, 3, 0.1f, 0.1f, 0.1f);
        Path file = dir.resolve("sub/model.ckpt");
        float[][] video = SyntheticVideos.make(1, 9, 9, 16, 4).get(0).features();
        TorchCheckpointStore store = new TorchCheckpointStore();
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer a = new ProgressiveSummarizer(spec, m, 1);
                ProgressiveSummarizer b = new ProgressiveSummarizer(spec, m, 2)) {
            store.save(file, a.exportTensors(), config);
            TorchCheckpointStore.Checkpoint loaded = store.load(file);
            assertEquals(config, loaded.config());
            assertEquals(a.exportTensors(), loaded.parameters());
            b.loadTensors(loaded.parameters());
            assertEquals(java.util.Arrays.toString(a.predict(video)), java.util.Arrays.toString(b.predict(video)));
        }
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temp file left behind");
        }
    }
}
