package sspvs.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import sspvs.UserException;

/**
 * The hidden folder {@code .<name>.tmp-<uuid>} beside an output folder where a whole output is written before it
 * replaces the target, so that an interrupted writer never leaves half an output, and what it does leave is removed.
 *
 * <p>While it is written, the folder holds {@value #IN_USE}, locked by the writing process; the operating system
 * releases the lock when the process ends, kill -9 included. Opening a new one first removes the stale temporaries
 * of the same target: those whose lock nobody holds, so a concurrent writer's folder is never touched. A SIGTERM
 * (or any orderly JVM exit) deletes the folder through a shutdown hook.
 */
public final class TemporaryFolder implements AutoCloseable {
    /** The lock file inside a folder being written. */
    public static final String IN_USE = ".sspvs-writing";
    /** A folder left without a lock file (killed before it was made, or a moved-aside old output) this long ago. */
    static final Duration UNLOCKED_GRACE = Duration.ofMinutes(1);

    /**
     * This JVM's folders being written: never opened by {@link #isStale}, since closing any channel of a locked file
     * drops the process's POSIX lock on it.
     */
    private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final Thread onExit;

    private TemporaryFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.onExit = new Thread(this::deleteQuietly, "sspvs-temporary-cleanup");
    }

    /**
     * Removes {@code target}'s stale temporaries, then makes and claims a new one.
     *
     * @throws UserException when the parent folder cannot be written
     */
    public static TemporaryFolder beside(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        deleteStale(absolute);
        Path dir = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        FileChannel channel = null;
        LIVE.add(dir); // before it exists: no cleaner of this JVM may open its lock file
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(IN_USE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            TemporaryFolder t = new TemporaryFolder(dir, channel, channel.lock());
            LIVE.add(dir);
            Runtime.getRuntime().addShutdownHook(t.onExit);
            return t;
        } catch (IOException e) {
            closeQuietly(channel);
            deleteTreeQuietly(dir);
            LIVE.remove(dir);
            throw new UserException(target + ": cannot make a temporary folder beside it (" + e.getMessage() + ")", e);
        }
    }

    /** The folder to write into. */
    public Path path() {
        return dir;
    }

    /**
     * Moves the written folder to {@code target} (which must not exist) and drops the lock file it carried along.
     */
    public void moveTo(Path target) throws IOException {
        try {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(dir, target);
        }
        Files.deleteIfExists(target.resolve(IN_USE)); // still locked by us: nobody can take it for stale
    }

    /** Deletes the folder if it was not moved, and releases the lock. */
    @Override
    public void close() {
        deleteQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // shutting down already: the hook does the same
        }
    }

    private synchronized void deleteQuietly() {
        deleteTreeQuietly(dir);
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        LIVE.remove(dir);
    }

    /**
     * Deletes the temporaries of {@code target} that no live process writes: {@code .<name>.tmp-<uuid>} (and the
     * {@code .<name>.old-<uuid>} a replaced output is moved to) whose lock file is not held. A moved-aside old
     * output whose replacement never arrived is put back.
     *
     * @return how many were removed or restored
     */
    public static int deleteStale(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return 0;
        }
        Pattern ours = Pattern.compile("\\." + Pattern.quote(absolute.getFileName().toString())
                + "\\.(tmp|old)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        int removed = 0;
        try (var entries = Files.list(parent)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (!ours.matcher(name).matches() || !Files.isDirectory(p) || !isStale(p)) {
                    continue;
                }
                if (name.contains(".old-") && !Files.exists(absolute)) {
                    Files.move(p, absolute); // interrupted between moving the old output aside and the new in
                } else {
                    deleteTreeQuietly(p);
                }
                removed++;
            }
        } catch (IOException e) {
            throw new UserException(parent + ": cannot remove stale temporary folders (" + e.getMessage() + ")", e);
        }
        return removed;
    }

    /** Stale: its lock file is there and free, or it has none and was last changed over a minute ago. */
    private static boolean isStale(Path dir) throws IOException {
        if (LIVE.contains(dir)) {
            return false;
        }
        Path lockFile = dir.resolve(IN_USE);
        if (!Files.exists(lockFile)) {
            FileTime changed = Files.getLastModifiedTime(dir);
            return changed.toInstant().isBefore(Instant.now().minus(UNLOCKED_GRACE));
        }
        try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = c.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this JVM (LIVE covers it; this only guards a race with close)
        } catch (java.nio.file.NoSuchFileException e) {
            return false; // finished or moved meanwhile
        }
    }

    private static void deleteTreeQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: what is left is hidden, named as ours, and removed by the next writer
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was written through it
            }
        }
    }
}
