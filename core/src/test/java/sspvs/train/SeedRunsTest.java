package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.report.EpochSelection;
import sspvs.report.RecordsCsv;
import sspvs.report.SeedsCsv;

class SeedRunsTest {
    @TempDir
    Path dir;

    private SeedRuns sweep(RunFixture f, Path results, List<Long> seeds, boolean quiet) {
        return new SeedRuns(new ExperimentRunner.Options("ts_c", RunFixture.config("max_epochs=2"),
                new RunInputs(f.dataFile, f.dataFile.getParent(), f.splitFile, null), null,
                EpochSelection.Selection.VALIDATION, results, results.resolveSibling("records.csv"), quiet,
                new PrintWriter(f.log, true)), seeds);
    }

    @Test
    void eachSeedHasItsOwnFolderAndRecordsHoldTheirMeanAndSd() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        SeedRuns.Outcome outcome = sweep(f, results, List.of(1L, 2L), true).run();

        for (long seed : List.of(1L, 2L)) {
            Path run = results.resolve("TS_C/seed" + seed);
            assertTrue(Files.exists(run.resolve("split1.ckpt")), run.toString());
            assertEquals(seed, new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("seed").asLong());
        }
        List<SeedsCsv.Row> seeds = SeedsCsv.read(results.resolve("TS_C/seeds.csv"));
        assertEquals(List.of(1L, 2L), seeds.stream().map(SeedsCsv.Row::seed).toList());
        assertNotEquals(seeds.get(0).fScore(), seeds.get(1).fScore(), "two seeds, two trainings");
        // the seed rows are each seed's mean over splits of its run.json
        for (int i = 0; i < 2; i++) {
            var splits = new ObjectMapper().readTree(results.resolve("TS_C/seed" + (i + 1) + "/run.json").toFile())
                    .get("splits");
            double f0 = splits.get(0).get("test").get("f_score").asDouble();
            double f1 = splits.get(1).get("test").get("f_score").asDouble();
            assertEquals((f0 + f1) / 2, seeds.get(i).fScore(), 1e-12);
        }
        // by hand: mean and sample sd of two values a, b are (a+b)/2 and |a-b|/sqrt(2), rounded to 3 places
        RecordsCsv.Row row = RecordsCsv.read(dir.resolve("records.csv")).get(0);
        double a = seeds.get(0).fScore(), b = seeds.get(1).fScore();
        assertEquals(Math.rint((a + b) / 2 * 1000) / 1000, row.fScore(), 0);
        assertEquals(Math.rint(Math.abs(a - b) / Math.sqrt(2) * 1000) / 1000, row.fScoreSd(), 0);
        a = seeds.get(0).kendall();
        b = seeds.get(1).kendall();
        assertEquals(Math.rint((a + b) / 2 * 1000) / 1000, row.kendall(), 0);
        assertEquals(Math.rint(Math.abs(a - b) / Math.sqrt(2) * 1000) / 1000, row.kendallSd(), 0);
        a = seeds.get(0).spearman();
        b = seeds.get(1).spearman();
        assertEquals(Math.rint((a + b) / 2 * 1000) / 1000, row.spearman(), 0);
        assertEquals(Math.rint(Math.abs(a - b) / Math.sqrt(2) * 1000) / 1000, row.spearmanSd(), 0);
        assertEquals("1;2", row.seeds());
        assertEquals(outcome.row(), row);
        // existing readers still find the reference's columns first
        assertTrue(Files.readAllLines(dir.resolve("records.csv")).get(0)
                .startsWith("exp,f_score,kendalltau,spearmanr,"));
    }

    @Test
    void aSweepStoppedInTheSecondSeedResumesToTheSameResult() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path straight = dir.resolve("a/results");
        sweep(f, straight, List.of(1L, 2L), true).run();

        Path resumed = dir.resolve("b/results");
        // 2 splits x 2 epochs per seed: stop after the 1st epoch of seed 2's second split
        assertThrows(ExperimentRunner.Interrupted.class, () -> sweep(f, resumed, List.of(1L, 2L), true)
                .interruptAfter(7).run());
        assertTrue(Files.exists(resumed.resolve("TS_C/seed1/split1.ckpt")));
        assertTrue(Files.exists(resumed.resolve("TS_C/seed2/split1.state.ckpt")));
        assertEquals(1, SeedsCsv.read(resumed.resolve("TS_C/seeds.csv")).size(), "seed 1 is recorded when it ends");
        assertFalse(Files.exists(dir.resolve("b/records.csv")), "no row before every seed has run");

        f.log.getBuffer().setLength(0);
        sweep(f, resumed, List.of(1L, 2L), false).run();
        String log = f.log.toString();
        assertTrue(log.contains("split 2/2: resuming after epoch 1"), log);
        // one epoch left of 8: the estimate counts the 7 done earlier
        assertTrue(log.matches("(?s).*split 2/2 epoch 2/2: .*elapsed \\d+s, about 0s left.*"), log);
        for (String file : List.of("seed1/metrics.csv", "seed2/metrics.csv")) {
            assertEquals(MetricsFiles.withoutMemory(straight.resolve("TS_C/" + file)),
                    MetricsFiles.withoutMemory(resumed.resolve("TS_C/" + file)), file);
        }
        assertEquals(Files.readString(straight.resolve("TS_C/seeds.csv")),
                Files.readString(resumed.resolve("TS_C/seeds.csv")));
        assertEquals(Files.readString(dir.resolve("a/records.csv")), Files.readString(dir.resolve("b/records.csv")));
    }

    @Test
    void withoutASeedListTheRunKeepsItsFolderAndRecordsItsOneSeed() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        sweep(f, results, null, true).run();
        assertTrue(Files.exists(results.resolve("TS_C/split0.ckpt")));
        RecordsCsv.Row row = RecordsCsv.read(dir.resolve("records.csv")).get(0);
        assertEquals("12345", row.seeds());
        assertTrue(Double.isNaN(row.fScoreSd()));
        assertEquals(".", SeedsCsv.read(results.resolve("TS_C/seeds.csv")).get(0).folder());
    }

    @Test
    void restartDeletesTheEarlierSweepsSummariesBeforeTrainingAgain() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        Path exp = results.resolve("TS_C");
        Files.createDirectories(exp);
        Files.writeString(exp.resolve("seeds.csv"), "seed,f_score,kendalltau,spearmanr\n7,0.9,0.9,0.9\n");
        Files.writeString(exp.resolve("report.html"), "<p>an earlier run</p>");
        SeedRuns restart = new SeedRuns(new ExperimentRunner.Options("ts_c", RunFixture.config("max_epochs=2"),
                new RunInputs(f.dataFile, f.dataFile.getParent(), f.splitFile, null), null,
                EpochSelection.Selection.VALIDATION, results, results.resolveSibling("records.csv"), true,
                new PrintWriter(f.log, true), "ts_c", true), List.of(1L, 2L));
        // stopped in seed 1: nothing of the earlier run may still speak for this one
        assertThrows(ExperimentRunner.Interrupted.class, () -> restart.interruptAfter(1).run());
        assertFalse(Files.exists(exp.resolve("seeds.csv")), "seeds.csv of the earlier run");
        assertFalse(Files.exists(exp.resolve("report.html")), "report.html of the earlier run");
    }

    @Test
    void aRepeatedSeedIsRefused() {
        RunFixture f = new RunFixture(dir);
        UserException e = assertThrows(UserException.class, () -> sweep(f, dir, List.of(1L, 1L), true));
        assertTrue(e.getMessage().contains("each seed once, got [1, 1]"), e.getMessage());
    }
}
