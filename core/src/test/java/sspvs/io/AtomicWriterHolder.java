package sspvs.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** A separate process for {@link AtomicFilesSigtermTest}: stops in the middle of writing args[0] until killed. */
public final class AtomicWriterHolder {
    private AtomicWriterHolder() {}

    public static void main(String[] args) throws Exception {
        AtomicFiles.replace(Path.of(args[0]), temp -> {
            Files.writeString(temp, "half a checkpoint");
            System.out.println(temp);
            System.out.flush();
            try {
                Thread.sleep(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
