package sspvs.io;

import java.nio.file.Path;

/** A separate process for {@link FolderLockTest}: holds the lock of the folder in args[0] until killed. */
public final class FolderLockHolder {
    private FolderLockHolder() {}

    public static void main(String[] args) throws Exception {
        FolderLock lock = FolderLock.acquire(Path.of(args[0]), "test");
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(120_000);
        lock.close();
    }
}
