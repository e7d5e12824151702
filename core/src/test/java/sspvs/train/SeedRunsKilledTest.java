package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the second seed of a sweep, then the same command again: the same files as a sweep never stopped. */
class SeedRunsKilledTest {
    private static final String EPOCHS = "3";

    @TempDir
    Path dir;

    @Test
    void aSweepKilledInTheSecondSeedResumesToTheSameFiles() throws Exception {
        RunFixture f = new RunFixture(dir);
        Path straight = dir.resolve("a/results");
        SeedSweepChild.sweep(f.dataFile, f.splitFile, straight, EPOCHS).run();

        Path killed = dir.resolve("b/results");
        Path seed2 = killed.resolve("TS_C/seed2");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SeedSweepChild.class.getName(), f.dataFile.toString(), f.splitFile.toString(), killed.toString(),
                EPOCHS).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean killedInSeed2 = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (child.isAlive() && System.nanoTime() < deadline) {
                if (hasStateCheckpoint(seed2)) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                    killedInSeed2 = true;
                    break;
                }
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(killedInSeed2, "the child was killed while training seed 2; its log:\n"
                + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(dir.resolve("b/records.csv")), "no row before every seed has run");

        SeedSweepChild.sweep(f.dataFile, f.splitFile, killed, EPOCHS).run();
        for (String file : List.of("seed1/metrics.csv", "seed2/metrics.csv")) { // peak_rss_mb differs by run
            assertEquals(MetricsFiles.withoutMemory(straight.resolve("TS_C/" + file)),
                    MetricsFiles.withoutMemory(killed.resolve("TS_C/" + file)), file);
        }
        assertEquals(Files.readString(straight.resolve("TS_C/seeds.csv")),
                Files.readString(killed.resolve("TS_C/seeds.csv")));
        assertEquals(Files.readString(dir.resolve("a/records.csv")), Files.readString(dir.resolve("b/records.csv")));
        try (Stream<Path> left = Files.list(seed2)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no temporary left behind");
        }
    }

    private static boolean hasStateCheckpoint(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().matches("split\\d\\.state\\.ckpt"));
        }
    }
}
