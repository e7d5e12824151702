package sspvs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server library ({@code sspvs.server}) never prints (its {@link ServerListener} does; {@code sspvs.server.cli}
 * renders it), never reaches up into its command, summarises only through {@code sspvs.summarize}; the core never
 * reaches the web server.
 */
class ServerLayersTest {
    private static final Path LIBRARY = Path.of("server/src/main/java/sspvs/server");
    private static final Pattern PRINTING = Pattern.compile("System\\s*\\.\\s*(out|err)\\b|\\.printStackTrace\\(");

    private static List<Path> sources(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void theLibraryNeitherPrintsNorUsesItsCommand() throws IOException {
        List<Path> files = sources(LIBRARY, false);
        assertTrue(files.size() > 5, "the scan sees the library: " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            assertEquals(false, PRINTING.matcher(text).find(), f + " prints");
            assertEquals(false, text.contains("import sspvs.server.cli"), f + " uses the command");
        }
    }

    /** The core packages the library's package-info names; a new use must be added there and here. */
    private static final Set<String> CORE_USES = Set.of("sspvs", "sspvs.io", "sspvs.summarize",
            "sspvs.video.decode");
    private static final Pattern CORE_CLASS = Pattern.compile("\\b(sspvs(?:\\.[a-z0-9_]+)*)\\.[A-Z]");

    @Test
    void theLibraryUsesOnlyTheCorePackagesItsPackageInfoNames() throws IOException {
        for (Path f : sources(LIBRARY, false)) {
            String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
            Matcher m = CORE_CLASS.matcher(code);
            while (m.find()) {
                String pkg = m.group(1);
                assertTrue(pkg.startsWith("sspvs.server") && !pkg.startsWith("sspvs.server.cli")
                        || CORE_USES.contains(pkg), f + " uses " + pkg);
            }
        }
    }

    @Test
    void theCoreNeverReachesTheWebServer() throws IOException {
        for (Path f : sources(Path.of("core/src/main/java"), true)) {
            String text = Files.readString(f);
            assertEquals(false, text.contains("io.javalin") || text.contains("org.eclipse.jetty"), f.toString());
        }
    }
}
