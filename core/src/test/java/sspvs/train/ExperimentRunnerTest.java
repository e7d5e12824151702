package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.Eccv16File;
import sspvs.data.VideoRecord;
import sspvs.eval.Baselines;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.report.EpochSelection;
import sspvs.report.Provenance;
import sspvs.report.RecordsCsv;

class ExperimentRunnerTest {
    @TempDir
    Path dir;

    @Test
    void validationRunLearnsChoosesOnValidationAndWritesItsRecords() throws IOException {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        ExperimentRunner.Outcome outcome = f.runner("ts_c", RunFixture.config("max_epochs=4"),
                EpochSelection.Selection.VALIDATION, results).run();

        assertEquals(results.resolve("TS_C"), outcome.experimentDir());
        // the learned scores beat random ones on the test videos at the chosen epochs
        List<VideoRecord> tests = new ArrayList<>();
        try (Eccv16File file = Eccv16File.open(f.dataFile)) {
            for (String k : file.keys()) {
                tests.add(file.read(k));
            }
        }
        Baselines.Random random = Baselines.random(tests, Metric.AVG, 1, 10, new Evaluator());
        assertTrue(outcome.row().kendall() > random.kendall() + 0.1,
                "tau " + outcome.row().kendall() + " vs random " + random.kendall() + "\n" + f.log);

        // records.csv beside results/, marked validation
        List<RecordsCsv.Row> rows = RecordsCsv.read(dir.resolve("records.csv"));
        assertEquals(1, rows.size());
        assertEquals("ts_c", rows.get(0).exp());
        assertEquals("validation", rows.get(0).selection());
        assertEquals(outcome.row(), rows.get(0));

        // each split trained without its validation keys and chose on them with the F-only rule (ts_*)
        JsonNode split0 = new ObjectMapper().readTree(results.resolve("TS_C/split0.json").toFile());
        assertEquals(1, split0.get("validation_keys").size(), "20% of 6 training keys, rounded");
        assertEquals(5, split0.get("train_keys").size());
        double bestValidationF = -1;
        int bestEpoch = -1;
        for (JsonNode e : split0.get("epochs")) {
            double vf = e.get("validation").get("f_score").asDouble();
            if (vf >= bestValidationF) {
                bestValidationF = vf;
                bestEpoch = e.get("epoch").asInt();
            }
        }
        assertEquals(bestEpoch, split0.get("chosen_epoch").asInt());
        assertEquals(bestEpoch, outcome.splits().get(0).chosen().epoch());

        // only the chosen checkpoints are left, and they load
        try (Stream<Path> files = Files.list(results.resolve("TS_C"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("metrics.csv", "run.json", "split0.ckpt", "split0.json", "split1.ckpt",
                    "split1.json"), names);
        }
        assertEquals((long) bestEpoch, sspvs.model.io.TorchCheckpoint.load(results.resolve("TS_C/split0.ckpt"))
                .longEntry(TorchCheckpointStore.EPOCH_KEY));

        // metrics.csv: validation and test rows for every split and epoch
        List<String> metrics = Files.readAllLines(results.resolve("TS_C/metrics.csv"));
        assertEquals(MetricsCsv.HEADER, metrics.get(0));
        assertEquals(1 + 2 * 4 * 2, metrics.size());
        String[] first = metrics.get(1).split(",", -1);
        assertEquals(List.of("0", "0", "validation"), List.of(first[5], first[6], first[7]));
        if (ResidentMemory.peakBytes().isPresent()) { // the epoch's peak resident memory, in MiB
            assertTrue(Long.parseLong(first[9]) > 10, metrics.get(1));
        }

        // run.json: provenance with the data file's hash and every split's choice and videos
        JsonNode run = new ObjectMapper().readTree(outcome.runJson().toFile());
        assertEquals("validation", run.get("selection").asText());
        assertEquals("f_score", run.get("selection_rule").asText());
        assertEquals(12345, run.get("seed").asLong());
        assertEquals("avg", run.get("metric").asText());
        assertEquals("eval_metric in config ts_c", run.get("metric_source").asText());
        assertEquals("selection_rule in the config", run.get("selection_rule_source").asText());
        assertEquals(sspvs.io.Sha256.of(f.dataFile), run.get("data_files").elements().next().get("sha256").asText());
        assertEquals(2, run.get("splits").size());
        assertEquals(bestEpoch, run.get("splits").get(0).get("epoch").asInt());
        assertEquals(6, run.get("splits").get(0).get("videos").size());
        assertEquals(1, run.get("splits").get(0).get("validation_keys").size());
    }

    @Test
    void testSelectionIsTheReferenceProtocol() throws IOException {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        ExperimentRunner.Outcome outcome = f.runner("sm_c", RunFixture.config("max_epochs=2",
                        "selection_rule=f_score_plus_kendall"),
                EpochSelection.Selection.TEST, results).run();
        JsonNode split1 = new ObjectMapper().readTree(results.resolve("SM_C/split1.json").toFile());
        assertEquals(6, split1.get("train_keys").size(), "all training keys");
        assertEquals(0, split1.get("validation_keys").size());
        List<sspvs.report.EpochMetrics> testRows = new ArrayList<>();
        for (JsonNode e : split1.get("epochs")) {
            assertFalse(e.has("validation"));
            JsonNode t = e.get("test");
            testRows.add(new sspvs.report.EpochMetrics(e.get("epoch").asInt(), t.get("f_score").asDouble(),
                    t.get("kendalltau").asDouble(), t.get("spearmanr").asDouble()));
        }
        int chosen = EpochSelection.best(testRows, EpochSelection.Rule.F_SCORE_PLUS_KENDALL);
        assertEquals(chosen, outcome.splits().get(1).chosen().epoch());
        assertEquals("test", RecordsCsv.read(dir.resolve("records.csv")).get(0).selection());
        assertEquals(1 + 2 * 2, Files.readAllLines(results.resolve("SM_C/metrics.csv")).size());
    }

    @Test
    void anInterruptedRunResumesToTheSameResultAsAnUninterruptedOne() throws IOException {
        RunFixture f = new RunFixture(dir);
        Path straight = dir.resolve("a/results");
        f.runner("ts_c", RunFixture.config(), EpochSelection.Selection.VALIDATION, straight).run();

        Path resumed = dir.resolve("b/results");
        // 3 epochs per split: stop in the middle of the second split
        assertThrows(ExperimentRunner.Interrupted.class, () -> f.runner("ts_c", RunFixture.config(),
                EpochSelection.Selection.VALIDATION, resumed).interruptAfter(4).run());
        assertTrue(Files.exists(resumed.resolve("TS_C/split0.ckpt")));
        assertTrue(Files.exists(resumed.resolve("TS_C/split1.state.ckpt")));
        java.util.regex.Matcher chosen = java.util.regex.Pattern.compile("split 1: chose epoch (\\d+)")
                .matcher(f.log.toString());
        assertTrue(chosen.find(), f.log.toString());
        f.log.getBuffer().setLength(0);
        f.runner("ts_c", RunFixture.config(), EpochSelection.Selection.VALIDATION, resumed).run();
        assertTrue(f.log.toString().contains("split 1/2: finished earlier (epoch " + chosen.group(1) + " chosen)"),
                "the epoch read back is the one said when chosen: " + f.log);
        assertTrue(f.log.toString().contains("split 2/2: resuming after epoch 1"), f.log.toString());

        assertEquals(MetricsFiles.withoutMemory(straight.resolve("TS_C/metrics.csv")),
                MetricsFiles.withoutMemory(resumed.resolve("TS_C/metrics.csv")));
        assertEquals(new TorchCheckpointStore().load(straight.resolve("TS_C/split1.ckpt")).parameters(),
                new TorchCheckpointStore().load(resumed.resolve("TS_C/split1.ckpt")).parameters());
        assertFalse(Files.exists(resumed.resolve("TS_C/split1.state.ckpt")));
    }

    @Test
    void aSplitWhoseTrainingStateIsLostStartsOverAndEndsTheSame() throws IOException {
        RunFixture f = new RunFixture(dir);
        Path straight = dir.resolve("a/results");
        // the rank-sum rule, whose candidates (the Pareto front) must be rebuilt after the state is lost
        RunConfig rankSum = RunFixture.config("selection_rule=f_score_plus_kendall");
        f.runner("sm_c", rankSum, EpochSelection.Selection.VALIDATION, straight).run();
        Path broken = dir.resolve("b/results");
        assertThrows(ExperimentRunner.Interrupted.class, () -> f.runner("sm_c", rankSum,
                EpochSelection.Selection.VALIDATION, broken).interruptAfter(2).run());
        Files.delete(broken.resolve("SM_C/split0.state.ckpt")); // e.g. a crash before it was first written
        f.runner("sm_c", rankSum, EpochSelection.Selection.VALIDATION, broken).run();
        assertEquals(MetricsFiles.withoutMemory(straight.resolve("SM_C/metrics.csv")),
                MetricsFiles.withoutMemory(broken.resolve("SM_C/metrics.csv")));
        try (Stream<Path> files = Files.list(broken.resolve("SM_C"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".epoch")), "no stale candidates");
        }
    }

    @Test
    void aResultsFolderOfAnotherConfigIsRefused() {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        assertThrows(ExperimentRunner.Interrupted.class, () -> f.runner("ts_c", RunFixture.config(),
                EpochSelection.Selection.VALIDATION, results).interruptAfter(1).run());
        UserException e = assertThrows(UserException.class, () -> f.runner("ts_c",
                RunFixture.config("lr=0.01"), EpochSelection.Selection.VALIDATION, results).run());
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
        assertEquals(UserException.Remedy.OTHER_NAME_OR_RESTART, e.remedy(), "a front end names the way out");
        e = assertThrows(UserException.class, () -> f.runner("ts_c", RunFixture.config(),
                EpochSelection.Selection.TEST, results).run());
        assertTrue(e.getMessage().contains("selection (validation there, test now)"), e.getMessage());
    }

    @Test
    void textGuidanceConfigsSayTheyAreNotWiredYet() {
        RunFixture f = new RunFixture(dir);
        UserException e = assertThrows(UserException.class, () -> f.runner("ts_c_tg",
                RunFixture.config("with_info_guide=true"), EpochSelection.Selection.VALIDATION,
                dir.resolve("results")).run());
        assertTrue(e.getMessage().contains("text guidance"), e.getMessage());
    }

    @Test
    void runTrainsTsAAndTsTWithTheReferencesHeadDropoutNotDropoutPredictor() {
        RunFixture f = new RunFixture(dir);
        for (String name : new String[] {"ts_a", "ts_t"}) {
            sspvs.config.RunConfig config = sspvs.config.RunConfig.load(Path.of("configs/" + name + ".yaml"))
                    .withOverrides("nhead_vid=2", "nhid_vid=32", "nlayers_vid=1", "max_epochs=1",
                            "max_video=" + RunFixture.STEPS, "resume=null", "set_multiply=1");
            ExperimentRunner.Outcome outcome = f.runner(name, config, EpochSelection.Selection.VALIDATION,
                    dir.resolve("results")).run();
            assertTrue(config.dropoutPredictor() > 0.1, name + " says " + config.dropoutPredictor());
            assertEquals(0.1f, outcome.spec().dropoutPredictor(), name);
            assertEquals(RunFixture.DIM, outcome.spec().dModel(), name);
        }
    }
}
