package sspvs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code ../shared/data} (the real TVSum/SumMe annotations, the authors' split files, YTVT text).
 * Nothing from there is committed: tests build their fixtures from it and are skipped, with the reason
 * shown, where it is absent.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared data folder, or a skipped test naming what was looked for. */
    public static Path root() {
        String configured = System.getProperty("sspvs.shared.data", "../shared/data");
        Path root = Path.of(configured).toAbsolutePath().normalize();
        Skip.unless(Files.isDirectory(root), "shared data folder not found at " + root
                + " (set -Dsspvs.shared.data=DIR; CI has it beside the clone)");
        return root;
    }

    /** A file or folder inside the shared data, or a skipped test naming it. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Skip.unless(Files.exists(p), p + " not found in the shared data folder");
        return p;
    }
}
