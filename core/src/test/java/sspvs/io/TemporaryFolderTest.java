package sspvs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 7: what an interrupted writer leaves beside its output is removed, a live writer's is not. */
class TemporaryFolderTest {
    @TempDir
    Path dir;

    private Path leftover(String kind, boolean withLockFile) throws Exception {
        Path p = dir.resolve(".out." + kind + "-" + UUID.randomUUID());
        Files.createDirectories(p);
        Files.writeString(p.resolve("summary.mp4"), "half");
        if (withLockFile) {
            Files.writeString(p.resolve(TemporaryFolder.IN_USE), "");
        }
        return p;
    }

    @Test
    void aKilledWritersTemporaryIsRemovedByTheNextButNoOtherFile() throws Exception {
        Path stale = leftover("tmp", true);
        Path userLookalike = Files.createDirectories(dir.resolve(".out.tmp-notes"));
        Path otherTarget = Files.createDirectories(dir.resolve(".other.tmp-" + UUID.randomUUID()));
        Files.writeString(otherTarget.resolve(TemporaryFolder.IN_USE), "");
        Path fileNamedLikeOurs = Files.writeString(dir.resolve(".out.tmp-" + UUID.randomUUID()), "user");
        try (TemporaryFolder t = TemporaryFolder.beside(dir.resolve("out"))) {
            assertFalse(Files.exists(stale));
            assertTrue(Files.isDirectory(t.path()));
        }
        assertTrue(Files.exists(userLookalike) && Files.exists(otherTarget) && Files.exists(fileNamedLikeOurs));
    }

    @Test
    void aJustMadeFolderWithoutLockIsKeptAnOldOneRemoved() throws Exception {
        Path fresh = leftover("tmp", false);
        Path old = leftover("tmp", false);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(600)));
        assertEquals(1, TemporaryFolder.deleteStale(dir.resolve("out")));
        assertTrue(Files.exists(fresh));
        assertFalse(Files.exists(old));
    }

    @Test
    void anOutputMovedAsideWhoseReplacementNeverCameIsPutBack() throws Exception {
        Path aside = leftover("old", false);
        Files.setLastModifiedTime(aside, FileTime.from(Instant.now().minusSeconds(600)));
        TemporaryFolder.deleteStale(dir.resolve("out"));
        assertEquals("half", Files.readString(dir.resolve("out/summary.mp4")));
    }

    @Test
    void theMovedOutputCarriesNoLockFileAndNothingIsLeftBeside() throws Exception {
        Path out = dir.resolve("out");
        try (TemporaryFolder t = TemporaryFolder.beside(out)) {
            Files.writeString(t.path().resolve("summary.json"), "{}");
            t.moveTo(out);
        }
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(out), files.toList());
        }
        try (var files = Files.list(out)) {
            assertEquals(java.util.List.of(out.resolve("summary.json")), files.toList());
        }
    }

    @Test
    void aLiveWritersFolderIsKeptUntilItIsKilledThenRemoved() throws Exception {
        Path out = dir.resolve("out");
        Process writer = start(out);
        Path live = Path.of(firstLine(writer));
        try (TemporaryFolder mine = TemporaryFolder.beside(out)) {
            assertTrue(Files.exists(live.resolve("summary.json")), "a concurrent writer's folder is not touched");
            try (TemporaryFolder second = TemporaryFolder.beside(out)) {
                assertTrue(Files.exists(mine.path()), "nor this JVM's own");
            }
        }
        writer.destroyForcibly(); // kill -9: the OS releases its lock, its folder stays
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(live));
        assertEquals(1, TemporaryFolder.deleteStale(out));
        assertFalse(Files.exists(live));
    }

    @Test
    void sigtermDeletesTheFolder() throws Exception {
        Process writer = start(dir.resolve("out"));
        Path live = Path.of(firstLine(writer));
        assertTrue(Files.exists(live));
        writer.destroy(); // SIGTERM: the shutdown hook runs
        assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(live));
    }

    private static Process start(Path target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TemporaryFolderHolder.class.getName(), target.toString()).redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line = r.readLine();
        assertTrue(line != null && line.startsWith("/"), "the writer started: " + line);
        return line.strip();
    }
}
