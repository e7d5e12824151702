package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FrontEndCommandsTest {
    @Test
    void aFrontEndWhoseModuleIsAbsentSaysWhereItLives() {
        CommandLine cmd = Main.commandLine();
        StringWriter err = new StringWriter();
        cmd.setErr(new PrintWriter(err));
        // core's own tests run without the spark module on the class path
        assertEquals(2, cmd.execute("batch", "videos/", "--model", "m.ckpt"));
        assertTrue(err.toString().contains("sspvs-spark module"), err.toString());
    }
}
