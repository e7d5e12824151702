package sspvs.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import sspvs.UserException;

/**
 * The one rule for every command that writes a whole folder ({@code summarize}, {@code batch}, {@code serve},
 * {@code dataset build}, {@code demo}): sspvs replaces only what it wrote itself, never a user's files.
 *
 * <p>Each folder sspvs writes holds a marker file, {@value #MARKER}, naming the kind of output (e.g.
 * {@code summarize}). An existing folder may be replaced when it is empty or carries the marker of the same kind;
 * any other non-empty folder is refused with a message saying why, before anything is written.
 */
public final class OutputFolders {
    /** The marker file's name. */
    public static final String MARKER = ".sspvs-output";

    private OutputFolders() {}

    /**
     * Checks that {@code dir} may be (re)written as an output of {@code kind}.
     *
     * @param legacyFiles file names that, when they are all the folder holds, mark an earlier output written before
     *     markers existed (may be empty)
     * @throws UserException when {@code dir} is a file, or a non-empty folder sspvs did not write as {@code kind}
     */
    public static void checkReplaceable(Path dir, String kind, Set<String> legacyFiles) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": exists and is not a folder; choose another output folder");
        }
        String found = kindOf(dir);
        if (kind.equals(found)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            var names = entries.map(p -> p.getFileName().toString()).toList();
            if (names.isEmpty() || (found == null && !legacyFiles.isEmpty() && legacyFiles.containsAll(names))) {
                return;
            }
        } catch (IOException e) {
            throw new UserException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        throw new UserException(dir + ": the folder is not empty and " + (found == null
                ? "was not written by sspvs" : "holds a '" + found + "' output, not a '" + kind + "' one")
                + "; its files would be replaced. Choose an empty or new output folder.");
    }

    /**
     * Writes a whole folder output of {@code kind} at once: checks {@code dir} ({@link #checkReplaceable}) before
     * anything is written, has {@code writer} fill a temporary sibling folder, marks it, and only then replaces
     * {@code dir} with it. A failure leaves the earlier {@code dir} as it was and no temporary folder behind.
     */
    public static void replace(Path dir, String kind, Set<String> legacyFiles, AtomicFiles.Writer writer) {
        checkReplaceable(dir, kind, legacyFiles);
        Path target = dir.toAbsolutePath().normalize();
        // removes what an interrupted writer of this target left; deleted again on SIGTERM
        try (TemporaryFolder temp = TemporaryFolder.beside(target)) {
            writer.writeTo(temp.path());
            mark(temp.path(), kind);
            swapIn(target, () -> temp.moveTo(target));
        } catch (IOException e) {
            throw new UserException(dir + ": cannot write the folder (" + e + ")", e);
        }
    }

    /** Moves a finished folder (or file) to where {@link #swapIn} wants it. */
    @FunctionalInterface
    public interface MoveIn {
        void moveTo() throws IOException;
    }

    /**
     * The one way a finished output takes the place of an earlier one: the earlier {@code target} (if any) is moved
     * aside to a hidden sibling, {@code moveIn} puts the new one at {@code target}, and only then is the earlier one
     * deleted; if {@code moveIn} fails, the earlier one is put back. So an interruption never leaves neither.
     */
    public static void swapIn(Path target, MoveIn moveIn) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + java.util.UUID.randomUUID());
            Files.move(target, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            moveIn.moveTo();
        } catch (IOException | RuntimeException e) {
            if (old != null) {
                Files.move(old, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE); // put the earlier one back
            }
            throw e;
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Deletes a folder and everything in it (only ever a folder {@link #checkReplaceable} allowed, or our own). */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Writes the marker of {@code kind} into {@code dir} (the temporary folder about to become the output). */
    public static void mark(Path dir, String kind) {
        AtomicFiles.writeString(dir.resolve(MARKER), kind + "\n");
    }

    /** The kind named by {@code dir}'s marker, or null when it has none. */
    public static String kindOf(Path dir) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            return Files.readString(marker, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
