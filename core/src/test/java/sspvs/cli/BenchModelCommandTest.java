package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sspvs.UserException;
import sspvs.train.ResidentMemory;

class BenchModelCommandTest {
    @Test
    void printsATableForATinyModel() {
        CommandRun run = CommandRun.of("bench", "model", "--batch", "2", "--steps", "8", "--dim", "16", "--heads", "2",
                "--ffn", "32", "--layers", "1", "--stages", "2", "--repeats", "1", "--warmup", "0", "--matmul", "64",
                "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        String text = run.out();
        assertTrue(text.contains("training step (B 2, T 8)") && text.contains("matmul 64x64")
                && text.contains("GFLOP/s") && text.contains("peak RSS (MB)"), text);
    }

    @Test
    void printsThePeakResidentMemoryOfEachRowWhereLinuxReportsIt() {
        sspvs.Skip.unlessApplicable(ResidentMemory.peakBytes().isPresent(), "no /proc/self/status on this system");
        CommandRun run = CommandRun.of("bench", "model", "--batch", "1", "--steps", "8", "--dim", "16", "--heads", "2",
                "--ffn", "32", "--layers", "1", "--stages", "1", "--repeats", "1", "--warmup", "0", "--matmul", "64",
                "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        String line = run.out().lines().filter(l -> l.startsWith("training step")).findFirst().orElseThrow();
        long mb = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        assertTrue(mb > 20 && mb < 64 * 1024, line); // a JVM with libtorch loaded: tens of MB at least
    }

    @Test
    void badSizesAreUserErrors() {
        assertEquals(UserException.EXIT_CODE, Main.run("bench", "model", "--dim", "10", "--heads", "3"));
    }

    @Test
    void zeroOrNegativeSizesAreRefusedByTheParserWithTheRange() {
        CommandRun run = CommandRun.of("bench", "model", "--batch", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Invalid value for option '--batch': 0 is not allowed; give a whole number >= 1"),
                run.err());
        run = CommandRun.of("bench", "model", "--warmup", "-1");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--warmup") && run.err().contains(">= 0"), run.err());
    }
}
