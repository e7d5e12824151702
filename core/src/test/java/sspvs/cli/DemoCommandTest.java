package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.report.RecordsCsv;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsTheWholePipelineOnSyntheticDataAndPointsToTheRealData() throws Exception {
        Path out = dir.resolve("demo");
        CommandRun run = CommandRun.of("demo", "--out", out.toString(), "--videos", "10", "--steps", "40",
                "--epochs", "2");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(Files.exists(out.resolve("data/synthetic.h5")));
        assertTrue(Files.exists(out.resolve("splits/synthetic_splits.json")));
        for (int k = 0; k < 5; k++) {
            assertTrue(Files.exists(out.resolve("results/DEMO/split" + k + ".ckpt")), "split " + k);
        }
        assertEquals("validation", RecordsCsv.read(out.resolve("records.csv")).get(0).selection());
        assertTrue(Files.exists(out.resolve("split0_scores.json")));
        String text = run.out();
        assertTrue(text.contains("mean (2)"), "evaluate's table for split 1's 2 test videos:\n" + text);
        assertTrue(text.contains("random scores") && text.contains("humans"), text);
        assertTrue(text.contains("./sspvs run configs/ts_c.yaml --data DIR"), text);
        assertTrue(text.contains("figshare") && text.contains("pretrained_model.ckpt"), text);
        Path summary = out.resolve("video/scenes_summary");
        for (String file : new String[] {"summary.mp4", "shots.csv", "summary.json", "features.h5", "report.html"}) {
            assertTrue(Files.size(summary.resolve(file)) > 0, file);
        }
        assertTrue(text.contains("./sspvs summarize talk.mp4 --model"), text);
    }

    @Test
    void theBundledBaseConfigIsTheReferencesTsC() throws Exception {
        assertEquals(sspvs.config.RunConfig.load(Path.of("configs/ts_c.yaml")), DemoCommand.baseConfig());
    }
}
