package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.data.Eccv16File;
import sspvs.eval.VideoEvaluation;
import sspvs.report.EpochSelection;
import sspvs.train.ExperimentRunner;
import sspvs.train.RunFixture;

class PredictCommandTest {
    @TempDir
    Path dir;

    @Test
    void predictThenEvaluateReproducesTheRunsTestResults() throws Exception {
        RunFixture f = new RunFixture(dir);
        ExperimentRunner.Outcome outcome = f.runner("ts_c", RunFixture.config("max_epochs=2"),
                EpochSelection.Selection.TEST, dir.resolve("results")).run();
        ExperimentRunner.SplitOutcome split = outcome.splits().get(0);
        List<String> keys = split.videos().stream().map(VideoEvaluation::key).toList();
        Path scores = dir.resolve("scores.json");
        CommandRun run = CommandRun.of("predict", "--checkpoint", split.checkpoint().toString(), "--data",
                f.dataFile.toString(), "--videos", String.join(",", keys), "--out", scores.toString());
        assertEquals(0, run.exitCode(), run.err());

        JsonNode json = new ObjectMapper().readTree(scores.toFile());
        assertEquals(keys, iterable(json));
        try (Eccv16File file = Eccv16File.open(f.dataFile)) {
            assertEquals(file.read(keys.get(0)).picks().length, json.get(keys.get(0)).size(), "one score per step");
        }
        Path result = dir.resolve("eval.json");
        run = CommandRun.of("evaluate", "--data", f.dataFile.toString(), "--scores", scores.toString(), "--out",
                result.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode evaluated = new ObjectMapper().readTree(result.toFile()).get("videos");
        for (VideoEvaluation v : split.videos()) {
            assertEquals(v.fScore(), evaluated.get(v.key()).get("f_score").asDouble(), 1e-9, v.key());
            assertEquals(v.kendall(), evaluated.get(v.key()).get("kendalltau").asDouble(), 1e-9, v.key());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "written atomically");
        }
    }

    @Test
    void userMistakesExitWithTwoAndNameTheProblem() throws Exception {
        RunFixture f = new RunFixture(dir);
        f.runner("ts_c", RunFixture.config("max_epochs=1"), EpochSelection.Selection.TEST, dir.resolve("results"))
                .run();
        String ckpt = dir.resolve("results/TS_C/split0.ckpt").toString();
        String out = dir.resolve("s.json").toString();
        CommandRun run = CommandRun.of("predict", "--checkpoint", ckpt, "--data", f.dataFile.toString(),
                "--videos", "video_99", "--out", out);
        assertEquals(UserException.EXIT_CODE, run.exitCode());
        assertTrue(run.err().contains("video_99"), run.err());

        run = CommandRun.of("predict", "--checkpoint", dir.resolve("nope.ckpt").toString(), "--data",
                f.dataFile.toString(), "--out", out);
        assertEquals(UserException.EXIT_CODE, run.exitCode());
        assertTrue(run.err().contains("nope.ckpt"), run.err());

        Path selfSupervised = RunCommandTest.referenceStyleCheckpoint(dir.resolve("pretrained_model.ckpt"));
        run = CommandRun.of("predict", "--checkpoint", selfSupervised.toString(), "--data", f.dataFile.toString(),
                "--out", out);
        assertEquals(UserException.EXIT_CODE, run.exitCode());
        assertTrue(run.err().contains("--config"), run.err());
        // with the run config it loads, and says its score heads are untrained
        Path config = dir.resolve("small.yaml");
        Files.writeString(config, RunFixture.config().toJson());
        run = CommandRun.of("predict", "--checkpoint", selfSupervised.toString(), "--config", config.toString(),
                "--data", f.dataFile.toString(), "--out", out);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("no trained score heads"), run.err());
    }

    private static List<String> iterable(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
