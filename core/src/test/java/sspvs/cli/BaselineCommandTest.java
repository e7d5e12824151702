package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void humanBaselineWritesPairwiseAndLeaveOneOut() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("summe_fixture.h5"), Eccv16Fixture.videos(true), "max");
        Path out = dir.resolve("human.json");
        CommandRun run = CommandRun.of("baseline", "human", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode r = JSON.readTree(out.toFile());
        assertEquals("max", r.get("metric").asText());
        double pairwise = r.get("pairwise").get("kendalltau").asDouble();
        assertTrue(pairwise > 0 && pairwise < 1, r.toString());
        // against the others' mean a user agrees more than with any single other user
        assertTrue(r.get("leave_one_out").get("kendalltau").asDouble() > pairwise, r.toString());
        assertTrue(r.get("leave_one_out").get("f_score").asDouble() > 0, r.toString());
    }

    @Test
    void randomBaselineIsDeterministicUnderItsSeed() throws Exception {
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), Eccv16Fixture.videos(true), "avg");
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, CommandRun.of("baseline", "random", "--data", data.toString(), "--draws", "5", "--seed", "3",
                "--out", a.toString()).exitCode());
        assertEquals(0, CommandRun.of("baseline", "random", "--data", data.toString(), "--draws", "5", "--seed", "3",
                "--out", b.toString()).exitCode());
        JsonNode r = JSON.readTree(a.toFile());
        assertEquals(r, JSON.readTree(b.toFile()));
        assertEquals(5, r.get("draws").asInt());
        assertEquals(3, r.get("seed").asLong());
        assertTrue(Math.abs(r.get("kendalltau").asDouble()) < 0.1, r.toString());
        assertTrue(r.get("f_score").asDouble() > 0, r.toString());
    }

    @Test
    void benchEvalRunsOnAFile() {
        Path data = Eccv16Fixture.write(dir.resolve("tvsum_fixture.h5"), Eccv16Fixture.videos(true), "avg");
        CommandRun run = CommandRun.of("bench", "eval", "--data", data.toString(), "--rounds", "1", "--warmup", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("total: evaluate every video"), run.out());
    }
}
