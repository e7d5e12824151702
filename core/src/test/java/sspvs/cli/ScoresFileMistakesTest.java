package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.data.VideoRecord;

/** {@code evaluate} and {@code baseline} given scores or data files that are wrong in a way that looks right. */
class ScoresFileMistakesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String scoresText(VideoRecord v) {
        StringBuilder b = new StringBuilder("[");
        for (int t = 0; t < v.steps(); t++) {
            b.append(t == 0 ? "" : ",").append(v.gtscore()[t]);
        }
        return b.append("]").toString();
    }

    @Test
    void aVideoGivenTwiceInTheScoresIsAnError() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(true);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        Path scores = dir.resolve("scores.json");
        Files.writeString(scores, "{\"video_1\": " + scoresText(videos.get(0)) + ", \"video_1\": "
                + scoresText(videos.get(0)) + "}");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", scores.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(scores.toString()) && run.err().contains("Duplicate field 'video_1'"),
                run.err());
    }

    @Test
    void textAfterTheScoresObjectIsAnError() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(true);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        Path scores = dir.resolve("scores.json");
        Files.writeString(scores, "{\"video_1\": " + scoresText(videos.get(0)) + "} garbage");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", scores.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(scores.toString()), run.err());
    }

    @Test
    void aScoreBeyondTheFloatRangeIsAMessageNotAStackTrace() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(true);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        String list = scoresText(videos.get(0)).replaceFirst("\\[[^,]*,", "[1e39,");
        Path scores = dir.resolve("scores.json");
        Files.writeString(scores, "{\"video_1\": " + list + "}");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", scores.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("video video_1: score 0 is 1.0E39"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void scoresForSomeVideosAreEvaluatedWithAWarningNamingHowManyAreMissing() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(true);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("video_2");
        for (float s : videos.get(1).gtscore()) {
            list.add(s);
        }
        Path scores = dir.resolve("scores.json");
        JSON.writeValue(scores.toFile(), root);
        Path out = dir.resolve("result.json");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", scores.toString(),
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("warning: " + scores + " has no scores for 2 of the 3 videos"), run.err());
        JsonNode result = JSON.readTree(out.toFile());
        assertEquals(1, result.get("mean").get("videos").asInt());
    }

    @Test
    void videosGivenWithVideosMustAllHaveScores() throws Exception {
        List<VideoRecord> videos = Eccv16Fixture.videos(true);
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), videos, "avg");
        Path scores = dir.resolve("scores.json");
        Files.writeString(scores, "{\"video_2\": " + scoresText(videos.get(1)) + "}");
        CommandRun run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", scores.toString(),
                "--videos", "video_2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(!run.err().contains("no scores") && run.out().contains("mean (1)"), run.err() + run.out());
        run = CommandRun.of("evaluate", "--data", data.toString(), "--scores", scores.toString(), "--videos",
                "video_2,video_3");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("no scores for 1 of the 2 videos given with --videos"), run.err());
    }

    @Test
    void anHdf5WithNoVideosIsBlamedOnTheHdf5() throws Exception {
        Path empty = dir.resolve("empty.h5");
        try (WritableHdfFile out = HdfFile.write(empty)) {
            out.putDataset("readme", new int[] {1});
        }
        Path scores = dir.resolve("scores.json");
        Files.writeString(scores, "{\"video_1\": [0.5]}");
        CommandRun evaluate = CommandRun.of("evaluate", "--data", empty.toString(), "--scores", scores.toString());
        assertEquals(2, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.err().contains(empty + ": holds no videos"), evaluate.err());
        assertFalse(evaluate.err().contains(scores.toString()), evaluate.err());
        for (String kind : List.of("human", "random")) {
            CommandRun baseline = CommandRun.of("baseline", kind, "--data", empty.toString());
            assertEquals(2, baseline.exitCode(), kind + ": " + baseline.out() + baseline.err());
            assertTrue(baseline.err().contains(empty + ": holds no videos"), baseline.err());
        }
    }
}
