package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.data.VideoRecord;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.eval.VideoEvaluation;

class EvaluateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path scoresFile(List<VideoRecord> videos, int dropLast) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        for (VideoRecord v : videos) {
            ArrayNode list = root.putArray(v.key());
            for (int t = 0; t < v.steps() - dropLast; t++) {
                list.add(v.gtscore()[t]);
            }
        }
        Path file = dir.resolve("scores.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    @Test
    void writesPerVideoAndMeanResultsThatMatchTheEvaluator() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(true);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        Path out = dir.resolve("out/result.json");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores",
                scoresFile(videos, 0).toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("video_2") && run.out().contains("mean (3)"), run.out());
        JsonNode result = JSON.readTree(out.toFile());
        assertEquals("avg", result.get("metric").asText()); // from the file's eval_metric attribute
        Evaluator evaluator = new Evaluator();
        double meanF = 0;
        for (VideoRecord v : videos) {
            VideoEvaluation e = evaluator.evaluate(v, v.gtscore(), Metric.AVG);
            JsonNode got = result.get("videos").get(v.key());
            assertEquals(e.fScore(), got.get("f_score").asDouble(), 1e-12);
            assertEquals(e.kendall(), got.get("kendalltau").asDouble(), 1e-12);
            assertEquals(e.spearman(), got.get("spearmanr").asDouble(), 1e-12);
            meanF += e.fScore() / videos.size();
        }
        assertEquals(meanF, result.get("mean").get("f_score").asDouble(), 1e-12);
        assertTrue(result.get("mean").get("kendalltau").asDouble() > 0.3); // gtscore is the users' mean
    }

    @Test
    void correlationsAreNullWithoutUserScoresAndMetricCanBeForced() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(false);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        Path out = dir.resolve("result.json");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores",
                scoresFile(videos, 0).toString(), "--metric", "max", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode result = JSON.readTree(out.toFile());
        assertEquals("max", result.get("metric").asText());
        assertTrue(result.get("mean").get("kendalltau").isNull());
        assertTrue(result.get("videos").get("video_1").get("spearmanr").isNull());
    }

    @Test
    void wrongScoreCountExitsTwoNamingTheFileAndVideo() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(true);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        Path scores = scoresFile(videos, 1);
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", scores.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(scores.toString()) && run.err().contains("video_1")
                && run.err().contains("one per feature step"), run.err());
    }

    @Test
    void unknownVideoAndMalformedJsonExitTwoNamingTheFile() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), Eccv16Fixture.videos(true), "avg");
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"video_99\": [0.5]}");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", unknown.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(unknown.toString()) && run.err().contains("video_99"), run.err());

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"video_1\": [0.5,");
        run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", broken.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains(broken.toString()), run.err());
    }

    @Test
    void missingDataFileExitsTwo() {
        CommandRun run = CommandRun.of("evaluate", "--data", dir.resolve("nope.h5").toString(), "--scores",
                dir.resolve("s.json").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("nope.h5"), run.err());
    }
}
