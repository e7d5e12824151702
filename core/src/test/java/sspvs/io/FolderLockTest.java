package sspvs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class FolderLockTest {
    @TempDir
    Path dir;

    @Test
    void aFolderHeldByAnotherProcessIsRefusedAndFreedWhenThatProcessIsKilled() throws Exception {
        Path folder = dir.resolve("results/TS_C");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                FolderLockHolder.class.getName(), folder.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            UserException e = assertThrows(UserException.class, () -> FolderLock.acquire(folder, "run"));
            assertTrue(e.getMessage().contains("in use by another sspvs run"), e.getMessage());
        } finally {
            holder.destroyForcibly(); // as kill -9: no clean-up code runs
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (FolderLock lock = FolderLock.acquire(folder, "run")) {
            assertTrue(Files.exists(FolderLock.fileOf(folder)));
        }
    }

    @Test
    void aSecondClaimInTheSameProcessIsRefusedUntilTheFirstIsClosed() {
        Path folder = dir.resolve("out/SSL");
        try (FolderLock first = FolderLock.acquire(folder, "pretrain")) {
            assertThrows(UserException.class, () -> FolderLock.acquire(folder, "pretrain"));
        }
        FolderLock.acquire(folder, "pretrain").close();
        assertTrue(Files.notExists(folder), "the folder itself holds only results; the lock file sits beside it");
    }

    @Test
    void staleTemporariesOfOursAreDeletedAndNothingElse() throws Exception {
        Path stale = dir.resolve(".0f8fad5b-d9cb-469f-a165-70867728950e.split0.state.ckpt");
        Path other = dir.resolve(".0f8fad5b-d9cb-469f-a165-70867728950e.best.ckpt");
        Path user = dir.resolve(".hidden-notes.txt");
        Path result = dir.resolve("split0.ckpt");
        for (Path p : new Path[] {stale, other, user, result}) {
            Files.writeString(p, "x");
        }
        assertEquals(2, AtomicFiles.deleteStaleTemporaries(dir));
        assertTrue(Files.notExists(stale) && Files.notExists(other));
        assertTrue(Files.exists(user) && Files.exists(result));
    }
}
