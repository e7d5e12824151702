package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sspvs.model.io.TorchCheckpoint;

/** {@code sspvs pretrain} and {@code sspvs bench pretrain} end to end at tiny sizes. */
class PretrainCommandTest {
    private final StringWriter err = new StringWriter();

    private static final String[] TINY = {"feature_dim=16", "nhead_vid=2", "nhid_vid=32", "nlayers_vid=1",
        "window_size=3", "max_video=12", "max_desc=10", "text_encoder=random", "text_layers=1", "text_hidden=16",
        "text_heads=2", "text_ffn=32", "set_multiply=1", "batch_size_train=4", "batch_size_val=4", "val_freq=1"};

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    private static List<String> pretrain(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("pretrain", "configs/ssl.yaml", "--out", out.toString()));
        for (String s : TINY) {
            args.add("--set");
            args.add(s);
        }
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void syntheticDemoWritesMetricsCheckpointAndProvenance(@TempDir Path out) throws Exception {
        // what a pretrain killed while saving its best model left: removed by the next one, nothing else touched
        Path killedTemp = Files.createDirectories(out.resolve("SSL")).resolve("." + java.util.UUID.randomUUID()
                + ".best.ckpt");
        Files.writeString(killedTemp, "half");
        Path usersFile = Files.writeString(out.resolve("SSL/.notes.best.ckpt"), "mine");
        List<String> args = pretrain(out, "--synthetic", "12", "--set", "max_epochs=2", "--quiet", "--threads", "1");
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());
        Path dir = out.resolve("SSL");
        assertFalse(Files.exists(killedTemp), "stale temporary removed");
        assertTrue(Files.exists(usersFile));
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(3, metrics.size());
        assertTrue(metrics.get(0).startsWith("epoch,lr,train_loss"));
        String run = Files.readString(dir.resolve("run.json"));
        assertTrue(run.contains("\"seed\" : 12345"), run);
        assertTrue(run.contains("\"synthetic_videos\" : 12"), run);
        assertTrue(run.contains("\"engine\" : \"PyTorch"), run);
        assertTrue(run.contains("\"epochs_done\" : 2"), run);
        // one provenance writer: the software block is report.Provenance's, not repeated in pretrain's own block
        com.fasterxml.jackson.databind.JsonNode runJson = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run);
        assertEquals(sspvs.report.Provenance.software(), runJson.get("software"));
        for (String repeated : List.of("sspvs_version", "java", "os", "djl")) {
            assertFalse(runJson.get("provenance").has(repeated), "provenance." + repeated + " repeats software");
        }
        assertTrue(TorchCheckpoint.read(dir.resolve("best.ckpt")).contains("video_model.transformer_encoder.layers.0.linear1.weight"));
        assertTrue(Files.isRegularFile(dir.resolve("synthetic-ytvt/list_file/train_list.json")));

        // resuming from that checkpoint loads every parameter
        List<String> again = pretrain(out.resolve("again"), "--data", dir.resolve("synthetic-ytvt").toString(),
                "--set", "max_epochs=1", "--set", "resume=" + dir.resolve("best.ckpt"));
        CommandRun resumed = CommandRun.of(again.toArray(String[]::new));
        assertEquals(0, resumed.exitCode(), resumed.err());
        String printed = resumed.out();
        assertTrue(printed.contains("Loaded "), printed);
        assertTrue(printed.contains("epoch 1/1: loss"), printed);
    }

    @Test
    void aSecondPretrainIntoTheSameFolderIsRefusedWhileTheFirstRuns(@TempDir Path out) {
        try (sspvs.io.FolderLock first = sspvs.io.FolderLock.acquire(out.resolve("SSL"), "pretrain")) {
            List<String> args = pretrain(out, "--synthetic", "12", "--set", "max_epochs=1", "--quiet");
            assertEquals(2, run(args.toArray(String[]::new)));
            assertTrue(err.toString().contains("in use by another sspvs pretrain"), err.toString());
            assertFalse(Files.exists(out.resolve("SSL/synthetic-ytvt")), "nothing written");
        }
    }

    @Test
    void missingDataExplainsTheLayoutAndWhereYtvtIs(@TempDir Path out) {
        List<String> args = pretrain(out, "--data", out.resolve("nothing").toString(), "--quiet");
        assertEquals(2, run(args.toArray(String[]::new)));
        assertTrue(err.toString().contains("YTVT data folder"), err.toString());
        assertTrue(err.toString().contains("figshare"), err.toString());
    }

    @Test
    void unknownConfigKeyIsAUserError(@TempDir Path out) {
        assertEquals(2, run("pretrain", "configs/ssl.yaml", "--out", out.toString(), "--set", "learning_rate=1"));
        assertTrue(err.toString().contains("unknown key 'learning_rate'"), err.toString());
    }

    @Test
    void zeroThreadsIsAUsageErrorWithTheAllowedRange(@TempDir Path out) {
        for (String[] args : List.of(new String[] {"pretrain", "configs/ssl.yaml", "--out", out.toString(),
            "--threads", "0"}, new String[] {"bench", "pretrain", "--threads", "0"},
            new String[] {"bench", "model", "--threads", "-1"})) {
            CommandRun run = CommandRun.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", args));
            assertTrue(run.err().contains("Invalid value for option '--threads'") && run.err().contains(">= 1"),
                    run.err());
            assertTrue(!run.err().contains("\tat "), run.err());
        }
        CommandRun text = CommandRun.of("bench", "pretrain", "--text", "bert");
        assertEquals(2, text.exitCode());
        assertTrue(text.err().contains("'bert' is not one of [minilm-l6, random]"), text.err());
    }

    @Test
    void benchPrintsMillisecondsPerStep() {
        CommandRun bench = CommandRun.of("bench", "pretrain", "--batch", "2", "--steps", "10", "--dim", "16",
                "--heads", "2", "--ffn", "32", "--layers", "1", "--tokens", "8", "--text", "random", "--text-layers",
                "1", "--text-hidden", "16", "--repeats", "1", "--threads", "1");
        assertEquals(0, bench.exitCode(), bench.err());
        String printed = bench.out();
        assertTrue(printed.matches("(?s).*training step: [0-9.]+ ms.*"), printed);
    }

    @Test
    void aDivergingPretrainStopsAndBadTokenIdsOrNaNFeaturesAreRefusedNamingTheFile(@TempDir Path out) throws Exception {
        // issue 15 item 4: lr=1e8 and one video's features all NaN exited 0 with a checkpoint of NaN tensors
        CommandRun diverged = CommandRun.of(pretrain(out, "--synthetic", "12", "--set", "max_epochs=2", "--set",
                "lr=1e8", "--quiet").toArray(String[]::new));
        assertEquals(2, diverged.exitCode(), diverged.out());
        assertTrue(diverged.err().contains("training diverged"), diverged.err());
        assertEquals(1, diverged.err().strip().lines().count(), "one line: " + diverged.err());
        assertFalse(Files.exists(out.resolve("SSL/best.ckpt")), "no checkpoint of NaN tensors");

        Path data = out.resolve("SSL/synthetic-ytvt");
        List<String> train = sspvs.data.YtvtDirectory.readList(data, data.resolve("list_file/train_list.json"));
        // a token id beyond the vocabulary (token files of another tokenizer) is named, not a trace from the model
        Path tokens = data.resolve("info_embed/" + train.get(1) + ".h5");
        Files.delete(tokens);
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(tokens)) {
            hdf.putDataset("cat", new long[] {101, 7, 102});
            hdf.putDataset("query", new long[] {5, 999_999});
            hdf.putDataset("title", new long[] {6});
            hdf.putDataset("description", new long[] {8, 9});
        }
        CommandRun outside = CommandRun.of(pretrain(out.resolve("c"), "--data", data.toString(), "--set",
                "max_epochs=1", "--quiet").toArray(String[]::new));
        assertEquals(2, outside.exitCode(), outside.out());
        assertTrue(outside.err().contains(tokens + ": query holds token id 999999, outside the text encoder's "
                + "vocabulary"), outside.err());
        assertEquals(1, outside.err().strip().lines().count(), "one line: " + outside.err());

        String video = train.get(0);
        Path file = data.resolve("features/" + video + ".h5");
        float[][] nan = new float[6][16];
        for (float[] row : nan) {
            java.util.Arrays.fill(row, Float.NaN);
        }
        Files.delete(file);
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(file)) {
            hdf.putDataset("features", nan);
        }
        CommandRun refused = CommandRun.of(pretrain(out.resolve("b"), "--data", data.toString(), "--set",
                "max_epochs=1", "--quiet").toArray(String[]::new));
        assertEquals(2, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains(file.toString()) && refused.err().contains("NaN"), refused.err());
    }

    @Test
    void noEpochsIsRefusedInsteadOfSayingDoneWithNothingWritten(@TempDir Path out) {
        List<String> args = pretrain(out, "--synthetic", "12", "--set", "max_epochs=0", "--quiet");
        assertEquals(2, run(args.toArray(String[]::new)));
        assertTrue(err.toString().contains("max_epochs is 0"), err.toString());
        assertFalse(Files.exists(out.resolve("SSL")), "nothing written");
        List<String> noValidation = pretrain(out, "--synthetic", "12", "--set", "max_epochs=1", "--set",
                "val_freq=2", "--quiet");
        assertEquals(2, run(noValidation.toArray(String[]::new)));
        assertTrue(err.toString().contains("below val_freq"), err.toString());
    }
}
