package sspvs.io;

import java.nio.file.Path;

/** A separate process for {@link TemporaryFolderTest}: writes into a temporary folder of args[0] until killed. */
public final class TemporaryFolderHolder {
    private TemporaryFolderHolder() {}

    public static void main(String[] args) throws Exception {
        TemporaryFolder folder = TemporaryFolder.beside(Path.of(args[0]));
        java.nio.file.Files.writeString(folder.path().resolve("summary.json"), "{}");
        System.out.println(folder.path());
        System.out.flush();
        Thread.sleep(120_000);
        folder.close();
    }
}
