package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.data.VideoRecord;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;

/**
 * The F metric of evaluate and baseline is never guessed from a file name (issue 15 item 3): --metric, else the
 * file's eval_metric attribute, else the published names; any other file is a one-line error asking for --metric.
 */
class MetricSourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<VideoRecord> videos = Eccv16Fixture.videos(true);

    private Path scores() throws Exception {
        ObjectNode root = JSON.createObjectNode();
        for (VideoRecord v : videos) {
            ArrayNode list = root.putArray(v.key());
            for (int t = 0; t < v.steps(); t++) {
                list.add(v.gtscore()[t] * (t % 3));
            }
        }
        Path file = dir.resolve("scores.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    private double meanF(Metric metric) throws Exception {
        JsonNode s = JSON.readTree(scores().toFile());
        double sum = 0;
        for (VideoRecord v : videos) {
            float[] steps = new float[v.steps()];
            for (int t = 0; t < steps.length; t++) {
                steps[t] = (float) s.get(v.key()).get(t).asDouble();
            }
            sum += new Evaluator().evaluate(v, steps, metric).fScore();
        }
        return sum / videos.size();
    }

    private CommandRun evaluate(Path data, String... extra) throws Exception {
        Path out = dir.resolve("result.json");
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", "--data", data.toString(), "--scores",
                scores().toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private JsonNode result() throws Exception {
        return JSON.readTree(dir.resolve("result.json").toFile());
    }

    @Test
    void aFileCopiedUnderAnotherNameIsAnErrorAskingForMetricNotMax() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("mydata.h5"), videos);
        CommandRun run = evaluate(data);
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("mydata.h5") && run.err().contains("--metric avg"), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.contains("--metric")).count(), run.err());
        assertTrue(!run.err().contains("\tat "), run.err()); // one line, no stack trace
        assertTrue(!dir.resolve("result.json").toFile().exists());
    }

    @Test
    void metricOptionGivesTheAverageOverUsersAndSaysSo() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("mydata.h5"), videos);
        CommandRun run = evaluate(data, "--metric", "avg");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("F over users: avg (from --metric)"), run.err());
        assertEquals("avg", result().get("metric").asText());
        assertEquals(meanF(Metric.AVG), result().get("mean").get("f_score").asDouble(), 1e-12);
        assertTrue(meanF(Metric.AVG) < meanF(Metric.MAX)); // the two really differ on this data
    }

    @Test
    void aNameThatMerelyContainsTvsumIsNotTakenAsTvsum() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_x.h5"), videos);
        CommandRun run = evaluate(data);
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("tvsum_x.h5") && run.err().contains("--metric"), run.err());
    }

    @Test
    void publishedNamesKeepTheirMetricAndSayWhy() throws Exception {
        CommandRun tvsum = evaluate(Eccv16Fixture.write(dir.resolve("tvsum.h5"), videos));
        assertEquals(0, tvsum.exitCode(), tvsum.err());
        assertTrue(tvsum.err().contains("F over users: avg (tvsum.h5 is a published file"), tvsum.err());
        assertEquals(meanF(Metric.AVG), result().get("mean").get("f_score").asDouble(), 1e-12);

        CommandRun summe = evaluate(Eccv16Fixture.write(dir.resolve("eccv16_dataset_summe_google_pool5.h5"), videos));
        assertEquals(0, summe.exitCode(), summe.err());
        assertTrue(summe.err().contains("F over users: max (eccv16_dataset_summe_google_pool5.h5 is a published"),
                summe.err());
        assertEquals(meanF(Metric.MAX), result().get("mean").get("f_score").asDouble(), 1e-12);
    }

    @Test
    void theFilesAttributeWinsOverItsNameAndTheOptionOverBoth() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("tvsum.h5"), videos, "max");
        CommandRun run = evaluate(data);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("max (the eval_metric attribute of tvsum.h5)"), run.err());
        assertEquals("max", result().get("metric").asText());

        run = evaluate(data, "--metric", "AVG");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("avg", result().get("metric").asText());
    }

    @Test
    void aBadAttributeOrOptionValueIsAOneLineError() throws Exception {
        CommandRun run = evaluate(Eccv16Fixture.write(dir.resolve("odd.h5"), videos, "median"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("odd.h5") && run.err().contains("must be avg or max, got 'median'"),
                run.err());

        run = evaluate(Eccv16Fixture.write(dir.resolve("tvsum.h5"), videos), "--metric", "mean");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("must be avg or max, got 'mean'"), run.err());
    }

    @Test
    void baselineAsksForMetricToo() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("mydata.h5"), videos);
        CommandRun run = CommandRun.of("baseline", "human", "--data", data.toString());
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("--metric"), run.err());
        Path out = dir.resolve("human.json");
        run = CommandRun.of("baseline", "human", "--data", data.toString(), "--metric", "max", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("max", JSON.readTree(out.toFile()).get("metric").asText());
    }
}
