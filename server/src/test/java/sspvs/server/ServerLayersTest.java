package sspvs.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sspvs.FrontEndLayers;

/**
 * The server library ({@code sspvs.server}) never prints (its {@link ServerListener} does; {@code sspvs.server.cli}
 * renders it), never reaches up into its command, summarises only through {@code sspvs.summarize}; the core never
 * reaches the web server.
 */
class ServerLayersTest {
    private static final Path LIBRARY = Path.of("server/src/main/java/sspvs/server");
    private static final Pattern PRINTING = Pattern.compile("System\\s*\\.\\s*(out|err)\\b|\\.printStackTrace\\(");
    /** The core packages the library's package-info names; a new use must be added there and here. */
    private static final Set<String> CORE_USES = Set.of("sspvs", "sspvs.io", "sspvs.summarize",
            "sspvs.video.decode");

    @Test
    void theLibraryNeitherPrintsNorUsesItsCommand() throws IOException {
        FrontEndLayers.assertNeitherPrintsNorUsesItsCli(LIBRARY, "sspvs.server", PRINTING, 5);
    }

    @Test
    void theLibraryUsesOnlyTheCorePackagesItsPackageInfoNames() throws IOException {
        FrontEndLayers.assertUsesOnlyItsOwnAndThese(LIBRARY, "sspvs.server", CORE_USES);
    }

    @Test
    void theCoreNeverReachesTheWebServer() throws IOException {
        FrontEndLayers.assertCoreNeverMentions("io.javalin", "org.eclipse.jetty");
    }
}
