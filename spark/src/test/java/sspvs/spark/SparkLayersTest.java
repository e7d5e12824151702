package sspvs.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sspvs.FrontEndLayers;

/**
 * The batch library ({@code sspvs.spark}) never prints nor draws bars (its listener does; {@code sspvs.spark.cli}
 * renders it) and never reaches up into its commands; the core never reaches Spark.
 */
class SparkLayersTest {
    private static final Path LIBRARY = Path.of("spark/src/main/java/sspvs/spark");
    private static final Pattern PRINTING = Pattern.compile("System\\s*\\.\\s*(out|err)\\b|\\.printStackTrace\\(\\)"
            + "|me\\.tongfei\\.progressbar");
    /** The core packages the library's package-info names; a new use must be added there and here. */
    private static final Set<String> CORE_USES = Set.of("sspvs", "sspvs.io", "sspvs.config", "sspvs.summarize",
            "sspvs.video.decode", "sspvs.video.features");

    @Test
    void theLibraryNeitherPrintsNorUsesItsCommands() throws IOException {
        FrontEndLayers.assertNeitherPrintsNorUsesItsCli(LIBRARY, "sspvs.spark", PRINTING, 10);
    }

    @Test
    void theLibraryUsesOnlyTheCorePackagesItsPackageInfoNames() throws IOException {
        FrontEndLayers.assertUsesOnlyItsOwnAndThese(LIBRARY, "sspvs.spark", CORE_USES);
    }

    @Test
    void theCoreNeverReachesSpark() throws IOException {
        FrontEndLayers.assertCoreNeverMentions("org.apache.spark");
    }
}
