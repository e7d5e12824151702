package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.Eccv16File;
import sspvs.data.Eccv16Writer;
import sspvs.data.VideoRecord;
import sspvs.eval.Metric;
import sspvs.report.EpochSelection;

/** A run's metric comes from the one asked for, the config or the data file, never from the split file's name. */
class RunMetricChoiceTest {
    @TempDir
    Path dir;

    private ExperimentRunner runner(RunFixture f, Path data, RunConfig config, Metric option) {
        Path results = dir.resolve("results");
        return new ExperimentRunner(new ExperimentRunner.Options("mine", config,
                new RunInputs(data, data.getParent(), f.splitFile, null),
                option == null ? null : new sspvs.eval.MetricChoice(option, "asked for by the test"),
                EpochSelection.Selection.VALIDATION,
                results, dir.resolve("records.csv"), true, new PrintWriter(f.log, true)));
    }

    /** The fixture's videos under another name, without the eval_metric attribute. */
    private static Path copyWithoutMetric(RunFixture f, Path to) {
        List<VideoRecord> videos = new ArrayList<>();
        try (Eccv16File in = Eccv16File.open(f.dataFile)) {
            in.keys().forEach(k -> videos.add(in.read(k)));
        }
        Eccv16Writer.write(to, videos);
        return to;
    }

    @Test
    void aTvsumSplitFileDoesNotMakeAnUnnamedDataFileAvg() {
        RunFixture f = new RunFixture(dir);
        Path mine = copyWithoutMetric(f, dir.resolve("data/mine.h5"));
        UserException e = assertThrows(UserException.class,
                () -> runner(f, mine, RunFixture.config("eval_metric=null", "max_epochs=1"), null).run());
        assertTrue(e.getMessage().contains("mine.h5") && e.getMessage().contains("the metric must be given"),
                e.getMessage());
        assertEquals(UserException.Remedy.METRIC, e.remedy(), "a front end says how to give it");
        assertFalse(Files.exists(dir.resolve("results/MINE/run.json")), "refused before any work");
    }

    @Test
    void theDataFilesAttributeDecidesWhenTheConfigDoesNotAndRunJsonSaysSo() throws Exception {
        RunFixture f = new RunFixture(dir);
        ExperimentRunner.Outcome outcome = runner(f, f.dataFile, RunFixture.config("eval_metric=null",
                "max_epochs=1"), null).run();
        JsonNode run = new ObjectMapper().readTree(outcome.runJson().toFile());
        assertEquals("avg", run.get("metric").asText());
        assertEquals("the eval_metric attribute of tvsum.h5", run.get("metric_source").asText());
        assertTrue(f.log.toString().contains("metric avg (the eval_metric attribute of tvsum.h5)"), f.log.toString());
    }

    @Test
    void theMetricAskedForWinsOverTheConfigWithTheReasonItCameWith() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path mine = copyWithoutMetric(f, dir.resolve("data/mine.h5"));
        ExperimentRunner.Outcome outcome = runner(f, mine, RunFixture.config("max_epochs=1"), Metric.MAX).run();
        JsonNode run = new ObjectMapper().readTree(outcome.runJson().toFile());
        assertEquals("max", run.get("metric").asText());
        assertEquals("asked for by the test", run.get("metric_source").asText());
    }
}
