package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.io.AtomicFiles;
import sspvs.report.RecordsCsv;
import sspvs.train.RunFixture;

class RunCommandTest {
    @TempDir
    Path dir;

    /** A config file in a project-like folder whose paths are relative, as the reference's are. */
    private Path config(String name) throws Exception {
        return smallConfig(dir, name);
    }

    /** A small copy of configs/ts_c.yaml as {@code dir/project/configs/NAME.yaml} (2 epochs, a tiny model). */
    static Path smallConfig(Path dir, String name) throws Exception {
        String text = Files.readString(Path.of("configs/ts_c.yaml"))
                .replaceAll("(?m)^(nhead_vid|nhid_vid|nlayers_vid|iter|max_epochs|max_video):.*\\n", "");
        text = text + "nhead_vid: 2\nnhid_vid: 32\nnlayers_vid: 1\niter: 2\nmax_epochs: 2\nmax_video: "
                + RunFixture.STEPS + "\n";
        Path file = dir.resolve("project/configs/" + name + ".yaml");
        AtomicFiles.writeString(file, text);
        return file;
    }

    @Test
    void runsAConfigWithDataFolderOverridesAndAReferenceStyleCheckpoint() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        Path cfg = config("ts_c");
        Path ckpt = referenceStyleCheckpoint(dir.resolve("pretrained_model.ckpt"));
        Path results = dir.resolve("out/results");
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", f.dataFile.getParent().toString(),
                "--pretrained", ckpt.toString(), "--set", "lr=0.002", "--results", results.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        // the non-strict load is reported once: the encoder came from the file, the score heads start fresh
        assertEquals(1, run.out().split("Loaded ", -1).length - 1, run.out());
        assertTrue(run.out().contains("missing, left as initialised: score_predict"), run.out());
        assertTrue(run.out().contains("unused in the checkpoint"), run.out());
        // split file found in DIR/../splits, records.csv beside results/
        assertEquals("ts_c", RecordsCsv.read(dir.resolve("out/records.csv")).get(0).exp());
        assertTrue(Files.exists(results.resolve("TS_C/split1.ckpt")));
        // the stored config says what the run started from, not the config file's 'resume'
        com.fasterxml.jackson.databind.JsonNode runJson = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(results.resolve("TS_C/run.json").toFile());
        assertEquals(ckpt.toString(), runJson.get("config").get("resume").asText());
        assertEquals(0.002, runJson.get("config").get("lr").asDouble());
        assertEquals(sspvs.io.Sha256.of(ckpt), runJson.get("pretrained_sha256").asText());
    }

    @Test
    void aPretrainedCheckpointOfAnotherArchitectureIsRefusedNamingBoth() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        Path cfg = config("ts_c");
        Path ckpt = referenceStyleCheckpoint(dir.resolve("pretrained_model.ckpt")); // one encoder layer
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", f.dataFile.getParent().toString(),
                "--pretrained", ckpt.toString(), "--set", "nlayers_vid=2", "--results",
                dir.resolve("out/results").toString(), "--quiet");
        assertEquals(UserException.EXIT_CODE, run.exitCode(), run.err() + run.out());
        assertTrue(run.err().contains("1 encoder layer") && run.err().contains("nlayers_vid: 2"), run.err());
    }

    @Test
    void aDivergingTrainingStopsNamingTheEpochAndBatchNotATestVideo() throws Exception {
        // issue 15 item 4: lr=1e8 ended in a stack trace from evaluating a test video
        RunFixture f = new RunFixture(dir.resolve("shared"));
        CommandRun run = CommandRun.of("run", config("ts_c").toString(), "--data", f.dataFile.getParent().toString(),
                "--pretrained", "none", "--set", "lr=1e8", "--results", dir.resolve("out/results").toString(),
                "--quiet");
        assertEquals(UserException.EXIT_CODE, run.exitCode(), run.err() + run.out());
        assertTrue(run.err().contains("training diverged") && run.err().contains("epoch 1")
                && run.err().contains("learning rate 1.00e+08"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    }

    @Test
    void aPretrainedCheckpointWithNaNWeightsIsRefusedNamingTheTensorBeforeTraining() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        Path cfg = config("ts_c");
        String tensor = "video_model.transformer_encoder.layers.0.linear1.weight";
        Path clean = referenceStyleCheckpoint(dir.resolve("clean.ckpt"));
        StateDict dict = new StateDict(TorchCheckpoint.load(clean).stateDict().asMap());
        TorchTensor t = dict.get(tensor);
        float[] nan = new float[t.data().length];
        java.util.Arrays.fill(nan, Float.NaN);
        dict.put(tensor, new TorchTensor(t.shape(), nan));
        Path ckpt = dir.resolve("nan.ckpt");
        TorchCheckpoint.write(ckpt, dict, Map.of("epoch", 19L));
        Path results = dir.resolve("out/results");
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", f.dataFile.getParent().toString(),
                "--pretrained", ckpt.toString(), "--results", results.toString(), "--quiet");
        // it ended in a stack trace naming a test video (issue 15 item 4)
        assertEquals(UserException.EXIT_CODE, run.exitCode(), run.err() + run.out());
        assertTrue(run.err().contains(tensor) && run.err().contains("NaN"), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertTrue(!Files.exists(results.resolve("TS_C/split0.ckpt")), "nothing trained");
    }

    @Test
    void aNamedRunKeepsItsOwnFolderAndRowBesideTheConfigsRun() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        Path cfg = config("ts_c");
        Path results = dir.resolve("out/results");
        String data = f.dataFile.getParent().toString();
        CommandRun plain = CommandRun.of("run", cfg.toString(), "--data", data, "--pretrained", "none", "--results",
                results.toString(), "--quiet");
        assertEquals(0, plain.exitCode(), plain.err() + plain.out());
        // a variant in the same folder is refused, and the message says how to keep both
        CommandRun clash = CommandRun.of("run", cfg.toString(), "--data", data, "--pretrained", "none", "--results",
                results.toString(), "--quiet", "--set", "lr=0.002");
        assertEquals(UserException.EXIT_CODE, clash.exitCode());
        // the library says what is wrong; the CLI adds the options that are the way out
        assertTrue(clash.err().contains("holds a run with another config") && clash.err().contains("--name")
                && clash.err().contains("--restart"), clash.err());
        CommandRun repeated = CommandRun.of("run", cfg.toString(), "--data", data, "--pretrained", "none",
                "--results", results.toString(), "--quiet", "--seeds", "1,1");
        assertEquals("sspvs: --seeds: each seed once, got [1, 1]", repeated.err().strip());
        CommandRun named = CommandRun.of("run", cfg.toString(), "--data", data, "--pretrained", "none", "--results",
                results.toString(), "--quiet", "--set", "lr=0.002", "--name", "ts_c_lr2e-3");
        assertEquals(0, named.exitCode(), named.err() + named.out());
        assertEquals(java.util.List.of("ts_c", "ts_c_lr2e-3"), RecordsCsv.read(dir.resolve("out/records.csv")).stream()
                .map(RecordsCsv.Row::exp).toList());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String plainRule = json.readTree(results.resolve("TS_C/run.json").toFile()).get("selection_rule").asText();
        String namedRule = json.readTree(results.resolve("TS_C_LR2E-3/run.json").toFile()).get("selection_rule")
                .asText();
        assertEquals(plainRule, namedRule, "the epoch-selection rule follows the config, not the run's name");
        assertEquals(UserException.EXIT_CODE, CommandRun.of("run", cfg.toString(), "--data", data, "--name",
                "../escape").exitCode());
    }

    @Test
    void missingFilesAreUserErrorsSayingWhereToGetThem() throws Exception {
        Path cfg = config("ts_c");
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", dir.toString(), "--pretrained", "none");
        assertEquals(UserException.EXIT_CODE, run.exitCode());
        assertTrue(run.err().contains("tvsum.h5") && run.err().contains("figshare"), run.err());

        RunFixture f = new RunFixture(dir.resolve("shared"));
        run = CommandRun.of("run", cfg.toString(), "--data", f.dataFile.getParent().toString());
        assertEquals(UserException.EXIT_CODE, run.exitCode());
        assertTrue(run.err().contains("pretrained_model.ckpt") && run.err().contains("--pretrained none"),
                run.err());

        Files.delete(f.splitFile);
        run = CommandRun.of("run", cfg.toString(), "--data", f.dataFile.getParent().toString(), "--pretrained",
                "none");
        assertEquals(UserException.EXIT_CODE, run.exitCode());
        assertTrue(run.err().contains("tvsum_splits.json") && run.err().contains("HopLee6/SSPVS-PyTorch"),
                run.err());
    }

    @Test
    void aConfigWithoutSelectionRuleIsAOneLineErrorNamingTheFileNotAGuessFromItsName() throws Exception {
        Path cfg = config("sm_t");
        Files.writeString(cfg, Files.readString(cfg).replaceAll("(?m)^selection_rule:.*\\n", ""));
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", dir.toString(), "--pretrained", "none",
                "--results", dir.resolve("r").toString());
        assertEquals(UserException.EXIT_CODE, run.exitCode(), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("sspvs: config " + cfg + ": no key 'selection_rule'")
                && run.err().contains("f_score for every TVSum config and for sm_t"), run.err());
        assertFalse(Files.exists(dir.resolve("r")), "nothing was started");
    }

    @Test
    void badOptionsAndMissingTokenFilesExitWithTwo() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        Path cfg = config("ts_c_tg");
        String data = f.dataFile.getParent().toString();
        // text guidance without the token folder: say which folder and how to make it
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", data, "--pretrained", "none", "--quiet",
                "--set", "with_info_guide=true", "--set", "info_embed_root_test=data/tvsum_info_embed",
                "--results", dir.resolve("r").toString());
        assertEquals(UserException.EXIT_CODE, run.exitCode());
        assertTrue(run.err().contains("tvsum_info_embed") && run.err().contains("--text TABLE --info-embed-out DIR")
                && run.err().contains("ydata-tvsum50-info.tsv"), run.err());
        CommandRun badSelection = CommandRun.of("run", config("ts_c").toString(), "--data", data,
                "--pretrained", "none", "--selection", "best");
        assertEquals(UserException.EXIT_CODE, badSelection.exitCode());
        assertTrue(badSelection.err().contains("must be validation or test, got 'best'"), badSelection.err());
        assertEquals(UserException.EXIT_CODE, CommandRun.of("run", config("ts_c").toString(), "--data", data,
                "--pretrained", "none", "--set", "max_epoch=3").exitCode());
    }

    /** Like the authors' self-supervised checkpoint: the encoder under video_model., no score heads, extras. */
    static Path referenceStyleCheckpoint(Path file) {
        StateDict dict = new StateDict();
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                sspvs.model.ProgressiveSummarizer model = new sspvs.model.ProgressiveSummarizer(
                        new sspvs.model.SummarizerSpec(RunFixture.DIM, 2, 32, 1, 2, 0.1f, 0.1f, 0.1f), m, 99)) {
            model.exportTensors().forEach((name, t) -> {
                if (!name.startsWith("score_predict.")) {
                    dict.put("video_model." + name, new TorchTensor(t.shape(), t.data()));
                }
            });
        }
        dict.put("text_model.embeddings.weight", new TorchTensor(new long[] {4, 3}, new float[12]));
        dict.put("video_model.mask_token", new TorchTensor(new long[] {1, RunFixture.DIM},
                new float[RunFixture.DIM]));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("epoch", 19L);
        TorchCheckpoint.write(file, dict, extra);
        return file;
    }
}
