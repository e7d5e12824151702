package sspvs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

/**
 * Skips a test whose outside requirement is absent, saying why. Maven's console shows only counts for skipped
 * tests, so the reason is also printed where people look.
 *
 * <p>Two kinds, one rule each:
 * <ul>
 *   <li>{@link #unless}: what CI provides ({@code ../shared/data}, Chromium, FFmpeg, opencv-doc's videos; see
 *       {@code .ci/run}). On a developer's machine the test is skipped; where the environment says {@code CI=true}
 *       it FAILS instead, so a green CI means the whole suite ran.
 *   <li>{@link #unlessApplicable}: what no machine is promised (a codec this FFmpeg build lacks, a file only a
 *       network download brings, a header tag a given encoder writes): skipped everywhere.
 * </ul>
 */
public final class Skip {
    private Skip() {}

    /** Skips, or under {@code CI=true} fails, unless the requirement CI installs is present. */
    public static void unless(boolean present, String reason) {
        unless(present, reason, System.getenv());
    }

    /** {@link #unless} with the environment given (tests of the rule itself). */
    static void unless(boolean present, String reason, Map<String, String> environment) {
        if (!present && inCi(environment)) {
            fail("CI=true and a test requirement is missing (CI must run the whole suite): " + reason);
        }
        unlessApplicable(present, reason);
    }

    /** Skips, wherever it runs, unless the condition holds; for conditions no machine is promised. */
    public static void unlessApplicable(boolean applicable, String reason) {
        if (!applicable) {
            System.err.println("[sspvs test] skipped: " + reason);
        }
        assumeTrue(applicable, "skipped: " + reason);
    }

    static boolean inCi(Map<String, String> environment) {
        return "true".equalsIgnoreCase(environment.getOrDefault("CI", "").strip());
    }
}
