package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import sspvs.UserException;

class BenchModelCommandTest {
    @Test
    void printsATableForATinyModel() {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        int code;
        try {
            code = Main.run("bench", "model", "--batch", "2", "--steps", "8", "--dim", "16", "--heads", "2", "--ffn",
                    "32", "--layers", "1", "--stages", "2", "--repeats", "1", "--warmup", "0", "--matmul", "64",
                    "--threads", "1");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, code);
        String text = out.toString();
        assertTrue(text.contains("training step (B 2, T 8)") && text.contains("matmul 64x64")
                && text.contains("GFLOP/s"), text);
    }

    @Test
    void badSizesAreUserErrors() {
        assertEquals(UserException.EXIT_CODE, Main.run("bench", "model", "--dim", "10", "--heads", "3"));
    }
}
