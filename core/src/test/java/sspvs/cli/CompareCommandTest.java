package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.data.Eccv16File;
import sspvs.data.Split;
import sspvs.data.SplitFile;
import sspvs.data.VideoRecord;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.eval.VideoEvaluation;
import sspvs.report.EpochMetrics;
import sspvs.report.EpochSelection;
import sspvs.report.Provenance;
import sspvs.train.RunFixture;

class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void comparesTrainedRunsWithThemselvesAndWithRandomScores() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        Path cfg = RunCommandTest.smallConfig(dir, "ts_c");
        Path results = dir.resolve("results");
        CommandRun run = CommandRun.of("run", cfg.toString(), "--data", f.dataFile.getParent().toString(),
                "--pretrained", "none", "--results", results.toString(), "--quiet", "--seeds", "1,2");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(Files.exists(results.resolve("TS_C/seed2/run.json")));

        // identical runs: no difference, an interval around 0, p = 1
        Path copy = results.resolve("COPY");
        for (String seed : List.of("seed1", "seed2")) {
            Files.createDirectories(copy.resolve(seed));
            Files.copy(results.resolve("TS_C/" + seed + "/run.json"), copy.resolve(seed + "/run.json"));
        }
        CommandRun same = CommandRun.of("compare", results.resolve("TS_C").toString(), copy.toString(), "--format",
                "json");
        assertEquals(0, same.exitCode(), same.err());
        JsonNode json = new ObjectMapper().readTree(same.out());
        assertEquals(3, json.get("metrics").size());
        for (JsonNode m : json.get("metrics")) {
            assertEquals(12, m.get("videos").asInt(), m.toString());
            assertEquals(0.0, m.get("difference").asDouble(), 0, m.toString());
            assertTrue(m.get("ci_low").asDouble() <= 0 && m.get("ci_high").asDouble() >= 0, m.toString());
            assertEquals(1.0, m.get("wilcoxon_p").asDouble(), 0, m.toString());
        }

        // against random scores on the same test videos: the learned ranking is significantly better
        Path random = randomRun(f, results.resolve("RANDOM"));
        CommandRun vsRandom = CommandRun.of("compare", random.toString(), results.resolve("TS_C").toString(),
                "--format", "csv");
        assertEquals(0, vsRandom.exitCode(), vsRandom.err());
        String[] lines = vsRandom.out().trim().split("\n");
        assertEquals("metric,videos,mean_a,mean_b,difference,ci_low,ci_high,wilcoxon_p", lines[0]);
        String[] tau = lines[2].split(",");
        assertEquals("kendalltau", tau[0]);
        assertTrue(Double.parseDouble(tau[5]) > 0, "interval above 0: " + lines[2]);
        assertTrue(Double.parseDouble(tau[7]) < 0.01, "significant: " + lines[2]);

        CommandRun table = CommandRun.of("compare", random.toString(), results.resolve("TS_C").toString());
        assertTrue(table.out().contains("| metric | videos | A | B | B − A | 95% CI | Wilcoxon p |"), table.out());
        assertTrue(table.out().contains("| Kendall τ | 12 |"), table.out());

        CommandRun badFormat = CommandRun.of("compare", random.toString(), copy.toString(), "--format", "xml");
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.err().contains("markdown, csv, json"), badFormat.err());
        CommandRun notAFolder = CommandRun.of("compare", dir.toString(), copy.toString());
        assertEquals(UserException.EXIT_CODE, notAFolder.exitCode());
        assertTrue(notAFolder.err().startsWith("sspvs: " + dir + ": not a results folder"), notAFolder.err());
    }

    /** run.json of uniform random scores on each split's test videos, evaluated like a model's. */
    private static Path randomRun(RunFixture f, Path folder) throws Exception {
        Provenance prov = Provenance.builder("random", new ObjectMapper().createObjectNode(), 7,
                EpochSelection.Selection.VALIDATION, EpochSelection.Rule.F_SCORE);
        SplittableRandom rng = new SplittableRandom(7);
        List<Split> splits = SplitFile.load(f.splitFile);
        try (Eccv16File file = Eccv16File.open(f.dataFile)) {
            for (int k = 0; k < splits.size(); k++) {
                List<VideoEvaluation> videos = new ArrayList<>();
                for (String key : splits.get(k).testKeys()) {
                    VideoRecord v = file.read(key);
                    float[] scores = new float[v.features().length];
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = (float) rng.nextDouble();
                    }
                    videos.add(new Evaluator().evaluate(v, scores, Metric.AVG));
                }
                prov.split(new Provenance.SplitResult(k, new EpochMetrics(0, 0, 0, 0), videos));
            }
        }
        prov.input("split_file", f.splitFile, f.splitFile.toString());
        Files.createDirectories(folder);
        prov.write(folder.resolve("run.json"));
        return folder;
    }
}
