package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.model.SummarizerSpec;
import sspvs.model.io.CheckpointContents;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.train.RunFixture;
import sspvs.train.TorchCheckpointStore;

/** Issue 15 item 2: `predict` loads our checkpoints strictly, reference ones non-strictly with a report. */
class CheckpointsLoadAsWhatTheyAreTest {
    private static final String BIAS = "transformer_encoder.layers.0.self_attn.in_proj_bias";
    private static final String FFN = "transformer_encoder.layers.0.linear1.weight";

    @TempDir
    Path dir;
    RunFixture fixture;
    Path out;

    @BeforeEach
    void data() {
        fixture = new RunFixture(dir);
        out = dir.resolve("scores.json");
    }

    /** One of our checkpoints (RunFixture's architecture: 1 layer, 2 stages). */
    private Path ours() {
        Path file = dir.resolve("ours.ckpt");
        RunConfig config = RunFixture.config();
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(
                        SummarizerCheckpoints.specOf(RunFixture.DIM, config), m, 5)) {
            new TorchCheckpointStore().save(file, model.exportTensors(), config, 3);
        }
        return file;
    }

    /** A reference-style (Lightning, no sspvs marker, no hyper_parameters) checkpoint with {@code layers} layers. */
    private Path reference(int layers) {
        Path file = dir.resolve("reference" + layers + ".ckpt");
        StateDict dict = new StateDict();
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(
                        new SummarizerSpec(RunFixture.DIM, 2, 32, layers, 2, 0.1f, 0.1f, 0.1f), m, 8)) {
            model.exportTensors().forEach((n, t) -> dict.put("video_model." + n, new TorchTensor(t.shape(), t.data())));
        }
        dict.put("video_model.pos_encoder.pe", new TorchTensor(new long[] {4, 1, RunFixture.DIM},
                new float[4 * RunFixture.DIM]));
        TorchCheckpoint.write(file, dict, Map.of("epoch", 7L));
        return file;
    }

    /** Rewrites {@code file} to {@code name}, with each tensor passed through {@code edit} (null drops it). */
    private Path edited(Path file, String name, BiFunction<String, TorchTensor, TorchTensor> edit) {
        CheckpointContents c = TorchCheckpoint.load(file);
        StateDict dict = new StateDict();
        c.stateDict().asMap().forEach((n, t) -> {
            TorchTensor kept = edit.apply(n.substring("video_model.".length()), t);
            if (kept != null) {
                dict.put(n, kept);
            }
        });
        Map<String, Object> extra = new LinkedHashMap<>(c.entries());
        extra.remove(TorchCheckpoint.STATE_DICT_KEY);
        Path target = dir.resolve(name);
        TorchCheckpoint.write(target, dict, extra);
        return target;
    }

    private static TorchTensor filled(TorchTensor t, float value) {
        float[] data = t.data().clone();
        Arrays.fill(data, value);
        return new TorchTensor(t.shape(), data);
    }

    private Path config(String... overrides) throws Exception {
        Path file = dir.resolve("config" + String.join("_", overrides).replace('=', '-') + ".yaml");
        Files.writeString(file, RunFixture.config(overrides).toJson());
        return file;
    }

    private CommandRun predict(Path checkpoint, String... more) {
        String[] args = {"predict", "--checkpoint", checkpoint.toString(), "--data", fixture.dataFile.toString(),
            "--out", out.toString()};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CommandRun.of(all);
    }

    private void assertRefused(CommandRun run, String... named) {
        assertEquals(UserException.EXIT_CODE, run.exitCode(), run.err());
        for (String n : named) {
            assertTrue(run.err().contains(n), "names " + n + ": " + run.err());
        }
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(Files.exists(out), "no scores written");
    }

    @Test
    void ourCheckpointMissingATensorIsRefusedNamingIt() {
        assertEquals(0, predict(ours()).exitCode());
        Files.exists(out);
        out = dir.resolve("scores2.json");
        Path damaged = edited(ours(), "damaged.ckpt", (n, t) -> n.equals(BIAS) ? null : t);
        assertRefused(predict(damaged), BIAS, "damaged.ckpt");
    }

    @Test
    void ourCheckpointWithAnExtraTensorIsRefused() {
        Path file = ours();
        CheckpointContents c = TorchCheckpoint.load(file);
        StateDict dict = new StateDict(c.stateDict().asMap());
        dict.put("video_model.transformer_encoder.layers.1.linear1.weight", c.stateDict().get("video_model." + FFN));
        Map<String, Object> extra = new LinkedHashMap<>(c.entries());
        extra.remove(TorchCheckpoint.STATE_DICT_KEY);
        Path grown = dir.resolve("grown.ckpt");
        TorchCheckpoint.write(grown, dict, extra);
        assertRefused(predict(grown), "layers.1.linear1.weight");
    }

    @Test
    void configWithOtherLayerCountsThanAReferenceCheckpointIsRefusedNamingBoth() throws Exception {
        Path three = reference(3);
        assertRefused(predict(three, "--config", config("nlayers_vid=2").toString()), "3 encoder layer",
                "nlayers_vid: 2");
        assertRefused(predict(three, "--config", config("nlayers_vid=4").toString()), "3 encoder layer",
                "nlayers_vid: 4");
        assertRefused(predict(three, "--config", config("nlayers_vid=3", "iter=3").toString()), "2 score head",
                "iter: 3");
        CommandRun run = predict(three, "--config", config("nlayers_vid=3").toString());
        assertEquals(0, run.exitCode(), run.err());
        // loaded non-strictly, as the reference does: the report is always said
        assertTrue(run.err().contains("warning: Loaded") && run.err().contains("pos_encoder.pe"), run.err());
    }

    @Test
    void configContradictingOurCheckpointIsRefusedNamingBoth() throws Exception {
        // the library names the run config; the CLI adds the option that is the way out
        assertRefused(predict(ours(), "--config", config("nlayers_vid=2").toString()),
                "nlayers_vid 2 in the run config, 1 in the checkpoint", "drop --config");
        assertEquals(0, predict(ours(), "--config", config().toString()).exitCode());
    }

    @Test
    void referenceCheckpointMissingMoreThanScoreHeadsIsRefused() throws Exception {
        Path damaged = edited(reference(1), "ref-damaged.ckpt", (n, t) -> n.equals(BIAS) ? null : t);
        assertRefused(predict(damaged, "--config", config().toString()), BIAS);
    }

    @Test
    void nonFiniteWeightsAreRefusedNamingTheTensor() throws Exception {
        Path nan = edited(ours(), "nan.ckpt", (n, t) -> n.equals(FFN) ? filled(t, Float.NaN) : t);
        assertRefused(predict(nan), "video_model." + FFN, "NaN");
        Path inf = edited(reference(1), "inf.ckpt",
                (n, t) -> n.equals(BIAS) ? filled(t, Float.POSITIVE_INFINITY) : t);
        assertRefused(predict(inf, "--config", config().toString()), "video_model." + BIAS, "Infinity");
    }

    @Test
    void nonFiniteScoresAreNeverWritten() {
        // finite weights whose products overflow: the scores come out NaN
        Path huge = edited(ours(), "huge.ckpt", (n, t) -> n.equals(FFN) || n.equals("v_cls.weight")
                ? filled(t, 3e38f) : t);
        assertRefused(predict(huge), "non-finite");
    }
}
