package sspvs.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class OutputFoldersTest {
    @TempDir
    Path tmp;

    @Test
    void missingOrEmptyFoldersMayBeWritten() throws Exception {
        assertDoesNotThrow(() -> OutputFolders.checkReplaceable(tmp.resolve("new"), "summarize", Set.of()));
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertDoesNotThrow(() -> OutputFolders.checkReplaceable(empty, "summarize", Set.of()));
    }

    @Test
    void aFolderOfTheUsersFilesIsRefusedWithTheReason() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("mine"));
        Files.writeString(dir.resolve("holiday.mp4"), "x");
        UserException e = assertThrows(UserException.class,
                () -> OutputFolders.checkReplaceable(dir, "summarize", Set.of("summary.json")));
        assertTrue(e.getMessage().contains("not written by sspvs"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("holiday.mp4")));
    }

    @Test
    void onlyOurOwnOutputOfTheSameKindIsReplaceable() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("out"));
        OutputFolders.mark(dir, "summarize");
        assertEquals("summarize", OutputFolders.kindOf(dir));
        assertDoesNotThrow(() -> OutputFolders.checkReplaceable(dir, "summarize", Set.of()));
        UserException e = assertThrows(UserException.class,
                () -> OutputFolders.checkReplaceable(dir, "demo", Set.of()));
        assertTrue(e.getMessage().contains("'summarize' output"), e.getMessage());
    }

    @Test
    void anUnmarkedFolderOfOnlyKnownOutputsCountsAsAnEarlierOutput() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("old"));
        Files.writeString(dir.resolve("summary.json"), "{}");
        assertDoesNotThrow(() -> OutputFolders.checkReplaceable(dir, "summarize", Set.of("summary.json", "x")));
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThrows(UserException.class, () -> OutputFolders.checkReplaceable(file, "summarize", Set.of()));
    }

    @Test
    void swapInReplacesTheEarlierOutputAndPutsItBackWhenTheMoveFails() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(target.resolve("old.txt"), "earlier");
        Path fresh = Files.createDirectories(tmp.resolve("fresh"));
        Files.writeString(fresh.resolve("new.txt"), "later");
        java.io.IOException failure = new java.io.IOException("disk full");
        assertThrows(java.io.IOException.class, () -> OutputFolders.swapIn(target, () -> {
            throw failure;
        }));
        assertEquals("earlier", Files.readString(target.resolve("old.txt")), "the earlier output is back");
        OutputFolders.swapIn(target, () -> Files.move(fresh, target));
        assertEquals("later", Files.readString(target.resolve("new.txt")));
        assertTrue(Files.notExists(target.resolve("old.txt")));
        try (var left = Files.list(tmp)) {
            assertEquals(java.util.List.of("out"), left.map(p -> p.getFileName().toString()).toList(),
                    "no hidden .old- folder left");
        }
    }
}
