package sspvs.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import sspvs.UserException;

/**
 * An exclusive claim on an output folder for one process, so two runs of the same name cannot mix their files: a
 * {@link FileLock} on a hidden file beside the folder ({@code .<name>.lock} in its parent, so the folder itself holds
 * only results). The operating system releases it when the process ends, however it ends (kill -9 included), so a
 * stale lock file never blocks the next run; the file itself stays and is harmless.
 */
public final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code folder}. */
    public static Path fileOf(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Claims {@code folder} (creating its parent), or refuses at once when another process — or another run in this
     * one — holds it.
     *
     * @param what the command, for the message ({@code run}, {@code pretrain})
     */
    public static FolderLock acquire(Path folder, String what) {
        Path file = fileOf(folder);
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new UserException(folder + " is in use by another sspvs " + what + " (it holds " + file
                        + "); wait for it to finish, or give this one another name");
            }
            return new FolderLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UserException(file + ": cannot lock the output folder (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        } finally {
            closeQuietly(channel);
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
