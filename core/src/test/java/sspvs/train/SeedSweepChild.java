package sspvs.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import sspvs.report.EpochSelection;

/**
 * A seed sweep in a process of its own, for {@link SeedRunsKilledTest} to kill: args are the data file, the split
 * file and the results folder that {@link RunFixture} made.
 */
public final class SeedSweepChild {
    private SeedSweepChild() {
    }

    static SeedRuns sweep(Path dataFile, Path splitFile, Path results, String maxEpochs) {
        return new SeedRuns(new ExperimentRunner.Options("ts_c", RunFixture.config("max_epochs=" + maxEpochs),
                new RunInputs(dataFile, dataFile.getParent(), splitFile, null), null,
                EpochSelection.Selection.VALIDATION, results, results.resolveSibling("records.csv"), true,
                new PrintWriter(System.out, true)), List.of(1L, 2L));
    }

    public static void main(String[] args) throws Exception {
        sweep(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), args[3]).run();
    }
}
