package sspvs.train;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.config.RunConfig;
import sspvs.data.SampleDatasets;
import sspvs.io.AtomicFiles;
import sspvs.report.EpochSelection;

/** A tiny experiment for the runner's tests: synthetic TVSum-like data (16-d), 2 splits, a small model. */
public final class RunFixture {
    public static final int VIDEOS = 12;
    public static final int STEPS = 40;
    public static final int DIM = 16;

    public final Path root;
    public final Path dataFile;
    public final Path splitFile;
    public final StringWriter log = new StringWriter();

    public RunFixture(Path root) {
        this.root = root;
        this.dataFile = SampleDatasets.buildSynthetic(root.resolve("data/tvsum.h5"), VIDEOS, STEPS, DIM, 4, 7);
        this.splitFile = root.resolve("splits/tvsum_splits.json");
        StringBuilder json = new StringBuilder("[");
        for (int s = 0; s < 2; s++) {
            List<String> train = new ArrayList<>();
            List<String> test = new ArrayList<>();
            for (int v = 1; v <= VIDEOS; v++) {
                (v % 2 == s ? test : train).add("\"video_" + v + "\"");
            }
            json.append(s == 0 ? "" : ",").append("{\"train_keys\": ").append(train).append(", \"test_keys\": ")
                    .append(test).append("}");
        }
        AtomicFiles.writeString(splitFile, json.append("]").toString());
    }

    /** ts_c.yaml made small; {@code extra} overrides more. */
    public static RunConfig config(String... extra) {
        List<String> settings = new ArrayList<>(List.of("nhead_vid=2", "nhid_vid=32", "nlayers_vid=1", "iter=2",
                "max_epochs=3", "lr=0.002", "max_video=" + STEPS, "resume=null", "set_multiply=2"));
        settings.addAll(List.of(extra));
        return RunConfig.load(Path.of("configs/ts_c.yaml")).withOverrides(settings.toArray(String[]::new));
    }

    public ExperimentRunner runner(String exp, RunConfig config, EpochSelection.Selection selection, Path results) {
        return new ExperimentRunner(new ExperimentRunner.Options(exp, config,
                new RunInputs(dataFile, dataFile.getParent(), splitFile, null), null, selection, results,
                results.resolveSibling("records.csv"), true, new PrintWriter(log, true)));
    }
}
