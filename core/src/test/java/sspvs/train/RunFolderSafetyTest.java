package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.SampleDatasets;
import sspvs.io.FolderLock;
import sspvs.report.EpochSelection;

/** A results folder is resumed only from the inputs it started with, and is never shared or left littered. */
class RunFolderSafetyTest {
    @TempDir
    Path dir;

    private ExperimentRunner runner(RunFixture f, RunConfig config, Path results, boolean restart) {
        return new ExperimentRunner(new ExperimentRunner.Options("ts_c", config,
                new RunInputs(f.dataFile, f.dataFile.getParent(), f.splitFile, null), null,
                EpochSelection.Selection.VALIDATION, results, results.resolveSibling("records.csv"), true,
                new PrintWriter(f.log, true), "ts_c", restart));
    }

    private static void interruptedAfterOneEpoch(RunFixture f, Path results) {
        assertThrows(ExperimentRunner.Interrupted.class, () -> f.runner("ts_c", RunFixture.config(),
                EpochSelection.Selection.VALIDATION, results).interruptAfter(1).run());
    }

    @Test
    void aResumeAfterTheDataFileChangedIsRefusedNamingItAndRestartStartsOver() {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        interruptedAfterOneEpoch(f, results);
        SampleDatasets.buildSynthetic(f.dataFile, RunFixture.VIDEOS, RunFixture.STEPS, RunFixture.DIM, 4, 8);
        UserException e = assertThrows(UserException.class, () -> runner(f, RunFixture.config(), results, false)
                .run());
        assertTrue(e.getMessage().contains("data file tvsum.h5 (its contents changed"), e.getMessage());
        assertEquals(UserException.Remedy.OTHER_NAME_OR_RESTART, e.remedy(), "a front end names the way out");

        ExperimentRunner.Outcome outcome = runner(f, RunFixture.config(), results, true).run();
        assertTrue(f.log.toString().contains("starting over: deleted"), f.log.toString());
        assertFalse(f.log.toString().contains("resuming after"), f.log.toString());
        assertEquals(2, outcome.splits().size());
    }

    @Test
    void aResumeAfterTheSplitFileOrConfigChangedIsRefusedNamingWhat() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        interruptedAfterOneEpoch(f, results);
        UserException config = assertThrows(UserException.class,
                () -> runner(f, RunFixture.config("lr=0.01"), results, false).run());
        assertTrue(config.getMessage().contains("lr: 0.002 there, 0.01 now"), config.getMessage());

        Files.writeString(f.splitFile, Files.readString(f.splitFile) + "\n"); // same keys, other file
        UserException split = assertThrows(UserException.class,
                () -> runner(f, RunFixture.config(), results, false).run());
        assertTrue(split.getMessage().contains("split file tvsum_splits.json"), split.getMessage());
    }

    @Test
    void aResumeAfterThePretrainedFileChangedIsRefusedNamingIt() {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        Path pretrained = dir.resolve("pretrained.ckpt");
        savePretrained(pretrained, 5);
        assertThrows(ExperimentRunner.Interrupted.class, () -> pretrainedRunner(f, results, pretrained)
                .interruptAfter(1).run());
        savePretrained(pretrained, 6); // same name, other weights
        UserException e = assertThrows(UserException.class, () -> pretrainedRunner(f, results, pretrained).run());
        assertTrue(e.getMessage().contains("pretrained file pretrained.ckpt (its contents changed"), e.getMessage());
        assertEquals(UserException.Remedy.OTHER_NAME_OR_RESTART, e.remedy(), "a front end names the way out");
    }

    private static ExperimentRunner pretrainedRunner(RunFixture f, Path results, Path pretrained) {
        return new ExperimentRunner(new ExperimentRunner.Options("ts_c", RunFixture.config(),
                new RunInputs(f.dataFile, f.dataFile.getParent(), f.splitFile, pretrained), null,
                EpochSelection.Selection.VALIDATION, results, results.resolveSibling("records.csv"), true,
                new PrintWriter(f.log, true), "ts_c", false));
    }

    private static void savePretrained(Path file, long seed) {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                sspvs.model.ProgressiveSummarizer model = new sspvs.model.ProgressiveSummarizer(
                        sspvs.model.SummarizerCheckpoints.specOf(RunFixture.DIM, RunFixture.config()), m, seed)) {
            new TorchCheckpointStore().save(file, model.exportTensors(), RunFixture.config(), 0);
        }
    }

    @Test
    void aDamagedRecordsCsvStopsTheRunBeforeTraining() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        Files.writeString(results.resolveSibling("records.csv"), "this is not,a records file\n1,2\n");
        UserException e = assertThrows(UserException.class, () -> runner(f, RunFixture.config(), results, false)
                .run());
        assertTrue(e.getMessage().contains("records.csv"), e.getMessage());
        assertFalse(Files.exists(results.resolve("TS_C/split0.json")), "stopped before any training");
    }

    @Test
    void temporariesOfAnInterruptedRunAreRemovedByTheNextRun() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        interruptedAfterOneEpoch(f, results);
        Path stale = results.resolve("TS_C/.3f1c0ef8-5b0e-4a4c-9a49-2b1f4cf3a0d1.split0.state.ckpt");
        Path notes = results.resolve("TS_C/notes.txt");
        Files.writeString(stale, "half a checkpoint");
        Files.writeString(notes, "mine");
        f.runner("ts_c", RunFixture.config(), EpochSelection.Selection.VALIDATION, results).run();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(notes), "only our own temporaries are removed");
    }

    @Test
    void aSecondRunOfTheSameNameIsRefusedWhileTheFirstHoldsTheFolder() {
        RunFixture f = new RunFixture(dir);
        Path results = dir.resolve("results");
        try (FolderLock first = FolderLock.acquire(results.resolve("TS_C"), "run")) {
            UserException e = assertThrows(UserException.class, () -> runner(f, RunFixture.config(), results, false)
                    .run());
            assertTrue(e.getMessage().contains("in use by another sspvs run"), e.getMessage());
        }
        assertFalse(Files.exists(results.resolve("TS_C/split0.json")));
    }
}
