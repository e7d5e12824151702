package sspvs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a test whose outside requirement (shared data, a Debian package, a model file) is absent. Maven's console
 * shows only counts for skipped tests, so the reason is also printed where people look.
 */
public final class Skip {
    private Skip() {}

    public static void unless(boolean present, String reason) {
        if (!present) {
            System.err.println("[sspvs test] skipped: " + reason);
        }
        assumeTrue(present, "skipped: " + reason);
    }
}
