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
import sspvs.text.TextTokenizer;
import sspvs.text.VideoText;
import sspvs.text.VideoTextInfoWriter;

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

    /**
     * Token files {@code data/tvsum_info_embed/video_N.h5} for every video (the folder a text-guided config's
     * {@code info_embed_root_test} names), tokenised with the bundled bert-base-uncased vocabulary.
     */
    public Path writeTokenFiles() {
        Path root = dataFile.resolveSibling("tvsum_info_embed");
        String[] categories = {"Grooming an animal", "Changing vehicle tire", "Making sandwich"};
        try (TextTokenizer tokenizer = TextTokenizer.bundledMiniLm()) {
            VideoTextInfoWriter writer = new VideoTextInfoWriter(tokenizer);
            for (int v = 1; v <= VIDEOS; v++) {
                String category = categories[v % categories.length];
                writer.write(root, new VideoText("video_" + v, category, category.toLowerCase() + " how to",
                        "Video " + v + ": a long title about " + category.toLowerCase() + " at home, part " + v));
            }
        }
        return root;
    }

    /** A runner of a text-guided config reading the token files of {@link #writeTokenFiles()}. */
    public ExperimentRunner textRunner(String exp, RunConfig config, Path results) {
        return new ExperimentRunner(new ExperimentRunner.Options(exp, config,
                new RunInputs(dataFile, dataFile.getParent(), splitFile, null,
                        dataFile.resolveSibling("tvsum_info_embed")), null, EpochSelection.Selection.VALIDATION,
                results, results.resolveSibling("records.csv"), true, new PrintWriter(log, true)));
    }

    public ExperimentRunner runner(String exp, RunConfig config, EpochSelection.Selection selection, Path results) {
        return new ExperimentRunner(new ExperimentRunner.Options(exp, config,
                new RunInputs(dataFile, dataFile.getParent(), splitFile, null), null, selection, results,
                results.resolveSibling("records.csv"), true, new PrintWriter(log, true)));
    }
}
