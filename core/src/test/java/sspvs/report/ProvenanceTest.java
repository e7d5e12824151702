package sspvs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.eval.VideoEvaluation;

class ProvenanceTest {
    @TempDir
    Path dir;

    @Test
    void recordsConfigSeedVersionsDataHashesAndEverySplitsVideos() throws Exception {
        Path data = dir.resolve("tvsum.h5");
        Files.write(data, "abc".getBytes(StandardCharsets.US_ASCII));
        ObjectMapper json = new ObjectMapper();
        Provenance p = Provenance.builder("ts_a", json.readTree("{\"lr\": 5e-5, \"seed\": 7}"), 7,
                        EpochSelection.Selection.VALIDATION, EpochSelection.Rule.F_SCORE)
                .dataFile(data)
                .split(new Provenance.SplitResult(0, new EpochMetrics(12, 0.6, 0.15, 0.2),
                        List.of(new VideoEvaluation("video_3", 0.6, 0.5, 0.7, 0.15, Double.NaN))));
        Path out = dir.resolve("records.provenance.json");
        p.write(out);
        JsonNode root = json.readTree(out.toFile());
        assertEquals(7, root.get("seed").asLong());
        assertEquals("validation", root.get("selection").asText());
        assertEquals(5e-5, root.get("config").get("lr").asDouble(), 0);
        // SHA-256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                root.get("data_files").get(data.toString()).get("sha256").asText());
        assertFalse(root.get("software").get("java").asText().isEmpty());
        assertEquals("0.36.0", root.get("software").get("djl").asText());
        JsonNode split = root.get("splits").get(0);
        assertEquals(12, split.get("epoch").asInt());
        assertTrue(split.get("videos").get("video_3").get("spearmanr").isNull());
        assertEquals(0.5, split.get("videos").get("video_3").get("precision").asDouble(), 0);
    }
}
