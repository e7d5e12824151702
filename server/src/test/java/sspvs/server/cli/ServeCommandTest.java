package sspvs.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.cli.CommandRun;
import sspvs.cli.Main;

/** {@code sspvs serve} is found on the module's class path, and every user mistake is one line and exit 2. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void serveIsACommandWhenTheServerModuleIsOnTheClassPath() {
        Object command = Main.commandLine().getSubcommands().get("serve").getCommand();
        assertInstanceOf(ServeCommand.class, command);
    }

    @Test
    void eachMistakeIsOneLineAndExitTwoBeforeAnythingListens() throws Exception {
        Path notACheckpoint = Files.writeString(dir.resolve("model.ckpt"), "not a checkpoint");
        Path theirs = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(theirs.resolve("holiday.jpg"), "someone's file");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"--model", dir.resolve("missing.ckpt").toString(), "missing.ckpt: checkpoint not found"});
        cases.add(new String[] {"--model", notACheckpoint.toString(), "--max-upload-mb", "0", "--max-upload-mb"});
        cases.add(new String[] {"--model", notACheckpoint.toString(), "--workers", "0", "--workers"});
        cases.add(new String[] {"--model", notACheckpoint.toString(), "--port", "70000", "--port"});
        cases.add(new String[] {"--model", notACheckpoint.toString(), "model.ckpt"});
        Path checkpoint = sspvs.server.ServeFixtures.checkpoint(dir.resolve("tiny.ckpt"));
        cases.add(new String[] {"--model", checkpoint.toString(), "--test-histogram-bins", "2", "--data",
            theirs.toString(), "--port", "0", "photos: the folder is not empty and was not written by sspvs"});
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "serve";
            System.arraycopy(c, 0, args, 1, c.length - 1);
            String expected = c[c.length - 1];
            CommandRun r = CommandRun.of(args);
            assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().startsWith("sspvs: ") && r.err().contains(expected), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            assertEquals("", r.out());
        }
        assertEquals("someone's file", Files.readString(theirs.resolve("holiday.jpg")));
    }
}
