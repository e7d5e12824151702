package sspvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Library code never prints: progress and warnings go to listeners that the CLI renders. Only {@code sspvs.cli}
 * may write to the standard streams; the pipeline's packages may not draw progress bars either (the progressbar
 * library writes to standard error itself).
 */
class NoPrintingOutsideCliTest {
    private static final Path MAIN = Path.of("core/src/main/java/sspvs").toFile().exists()
            ? Path.of("core/src/main/java/sspvs") : Path.of("src/main/java/sspvs");
    private static final Pattern STANDARD_STREAMS = Pattern.compile("System\\s*\\.\\s*(out|err)\\b"
            + "|System\\s*\\.\\s*set(Out|Err)\\b|\\.printStackTrace\\(\\)");
    private static final Pattern PROGRESS_BARS = Pattern.compile("me\\.tongfei\\.progressbar");

    @Test
    void onlyTheCliWritesToStandardStreams() throws IOException {
        assertEquals(List.of(), offenders(STANDARD_STREAMS, "sspvs"), "System.out/err outside sspvs.cli");
    }

    @Test
    void thePipelinesPackagesDrawNoProgressBars() throws IOException {
        List<String> found = offenders(PROGRESS_BARS, "sspvs/video", "sspvs/shots", "sspvs/summarize",
                "sspvs/io");
        assertEquals(List.of(), found, "progress bars outside sspvs.cli");
    }

    @Test
    void theScanSeesTheCliPrinting() throws IOException {
        // the patterns match what the CLI does, so an empty result above means something
        try (Stream<Path> files = Files.walk(MAIN.resolve("cli"))) {
            long printing = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return PROGRESS_BARS.matcher(Files.readString(p)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
            assertEquals(true, printing > 0, "the CLI's progress bars are found by the scan");
        }
    }

    /** Source files under the given folders (relative to the source root's parent), outside cli, that match. */
    private static List<String> offenders(Pattern pattern, String... roots) throws IOException {
        Path base = MAIN.getParent();
        List<String> out = new java.util.ArrayList<>();
        for (String root : roots) {
            Path dir = base.resolve(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    if (p.startsWith(MAIN.resolve("cli"))) {
                        continue;
                    }
                    String code = withoutComments(Files.readString(p));
                    if (pattern.matcher(code).find()) {
                        out.add(base.relativize(p).toString());
                    }
                }
            }
        }
        return out;
    }

    /** The source without its comments, so that a Javadoc mentioning System.err is not counted. */
    static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }
}
