package sspvs.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import sspvs.UserException;

/**
 * Writes files all at once, the one way every output of sspvs is written: the content goes to a temporary file
 * beside the target, which then replaces the target in one move, so a reader never sees half a file and a failure
 * leaves the previous file (or none) in place.
 *
 * <p>The temporary file is a plain new file, not {@link Files#createTempFile}, which would make it owner-only
 * (0600): results get the usual permissions. Its name keeps the target's extension, so writers that pick a format
 * from the file name (FFmpeg) see the right one. A temporary being written when the process is told to stop
 * (SIGTERM, Ctrl-C) is deleted by a shutdown hook; after kill -9 the next writer of the folder removes it
 * ({@link #deleteStaleTemporaries}).
 */
public final class AtomicFiles {
    /** Writes the content of a file to the path it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temp) throws IOException;
    }

    /** The names of our temporaries: a dot, a random UUID, a dot, the target's name. */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile(
            "\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\..+");

    /** Temporaries being written now, deleted by {@link #ON_EXIT} if the process stops first. */
    private static final java.util.Set<Path> IN_PROGRESS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final Thread ON_EXIT = new Thread(() -> {
        for (Path p : IN_PROGRESS) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // the process is ending; the next writer of the folder removes what is left
            }
        }
    }, "sspvs-temporaries-on-exit");

    static {
        Runtime.getRuntime().addShutdownHook(ON_EXIT);
    }

    private AtomicFiles() {}

    /** True for a name {@link #replace} gives its temporary files. */
    public static boolean isTemporaryName(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    /**
     * Deletes the temporaries an interrupted writer (kill -9, power cut) left in {@code dir}, e.g.
     * {@code .<uuid>.split0.state.ckpt}; only files named as {@link #replace} names them are touched. Call it only
     * while holding the folder's lock ({@link FolderLock}), so no live writer's temporary is removed.
     *
     * @return how many were deleted
     */
    public static int deleteStaleTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (isTemporaryName(f.getFileName().toString()) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new UserException(dir + ": cannot remove stale temporary files (" + e.getMessage() + ")", e);
        }
        return deleted;
    }

    /**
     * Runs {@code writer} on a temporary sibling of {@code target}, then moves it over {@code target}. On any
     * failure the temporary file is removed and the exception passes on unchanged.
     */
    public static void replace(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = absolute.resolveSibling("." + UUID.randomUUID() + "." + absolute.getFileName());
        IN_PROGRESS.add(temp);
        try {
            writer.writeTo(temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            IN_PROGRESS.remove(temp);
            Files.deleteIfExists(temp); // gone after a successful move; left over only after a failure
        }
    }

    /** Writes bytes atomically; an I/O failure is a {@link UserException} naming the file. */
    public static void write(Path target, byte[] content) {
        try {
            replace(target, temp -> Files.write(temp, content));
        } catch (IOException e) {
            throw new UserException(target + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    public static void writeString(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
