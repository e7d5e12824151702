package sspvs.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 7: a run or pretrain stopped with SIGTERM while it writes a checkpoint left its
 * {@code .<uuid>.*.ckpt} until the next run; the shutdown hook now deletes it.
 */
class AtomicFilesSigtermTest {
    @TempDir
    Path dir;

    @Test
    void sigtermDeletesTheTemporaryBeingWritten() throws Exception {
        Path target = dir.resolve("split0.state.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AtomicWriterHolder.class.getName(), target.toString()).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(writer.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("/"), "the writer started: " + line);
            Path temp = Path.of(line.strip());
            assertTrue(Files.exists(temp) && AtomicFiles.isTemporaryName(temp.getFileName().toString()));
            writer.destroy(); // SIGTERM: shutdown hooks run
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(temp), "temporary deleted on SIGTERM");
            assertFalse(Files.exists(target), "nothing half-written in its place");
        } finally {
            writer.destroyForcibly();
        }
    }
}
