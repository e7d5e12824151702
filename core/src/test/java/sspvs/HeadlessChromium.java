package sspvs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Loads a local page in Debian's headless Chromium and returns the DOM after its scripts ran (with virtual time,
 * so media events and timers fire without waiting). Tests that need it skip, saying why, where it is absent;
 * {@code .ci/run} installs it.
 */
public final class HeadlessChromium {
    private HeadlessChromium() {}

    /** Skips the calling test unless Chromium is installed; says what it was for. */
    public static Path require(String purpose) {
        Path chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        Skip.unless(chromium != null, "no chromium installed (apt-get install chromium) to " + purpose);
        return chromium;
    }

    /** The page's DOM once loaded; {@code scratch} holds the browser's throwaway profile. */
    public static String dumpDom(Path chromium, Path page, Path scratch) throws IOException, InterruptedException {
        return dumpDom(chromium, page, scratch, null);
    }

    /**
     * The page's DOM once loaded, with Chromium's network log written to {@code netLog} (when not null): every
     * request the page made is in it, so a test can check that an offline page fetched nothing.
     */
    public static String dumpDom(Path chromium, Path page, Path scratch, Path netLog)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(scratch, "chromium");
        // coreutils' timeout: a hung browser must not hang the build
        Process p = new ProcessBuilder("timeout", "90", chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1200,900",
                "--virtual-time-budget=5000", "--autoplay-policy=no-user-gesture-required", "--dump-dom",
                netLog == null ? "--no-default-browser-check" : "--log-net-log=" + netLog, page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish with " + page);
        }
        return dom;
    }
}
