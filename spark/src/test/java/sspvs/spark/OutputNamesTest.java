package sspvs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OutputNamesTest {
    private final Path root = Path.of("/library");

    @Test
    void theNameShowsThePathBelowTheRootAndEndsWithItsHash() {
        String name = OutputNames.of(root, root.resolve("sub dir é/talk.mp4"));
        assertTrue(name.matches("sub dir é__talk\\.mp4-[0-9a-f]{8}"), name);
        assertEquals(name, OutputNames.of(root, root.resolve("sub dir é/talk.mp4")), "stable across runs");
    }

    @Test
    void videosWithTheSameFileNameOrTheSameReadableNameGetDifferentFolders() {
        assertNotEquals(OutputNames.of(root, root.resolve("a/x.mp4")), OutputNames.of(root, root.resolve("b/x.mp4")));
        assertNotEquals(OutputNames.of(root, root.resolve("a b.mp4")), OutputNames.of(root, root.resolve("a?b.mp4")));
        assertNotEquals(OutputNames.of(root, root.resolve("a/b.mp4")), OutputNames.of(root, root.resolve("a__b.mp4")));
    }

    @Test
    void namesAreNeverHiddenNorTooLongNorOutsideTheFolder() {
        assertFalse(OutputNames.of(root, root.resolve(".x.mp4")).startsWith("."));
        String deep = OutputNames.of(root, root.resolve("a".repeat(300) + ".mp4"));
        assertTrue(deep.length() <= 80 + 9, deep);
        String outside = OutputNames.of(root, Path.of("/elsewhere/../etc/v.mp4").normalize());
        assertFalse(outside.contains("/"), outside);
    }
}
