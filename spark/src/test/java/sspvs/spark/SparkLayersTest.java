package sspvs.spark;

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
 * The batch library ({@code sspvs.spark}) never prints nor draws bars (its listener does; {@code sspvs.spark.cli}
 * renders it) and never reaches up into its commands; the core never reaches Spark.
 */
class SparkLayersTest {
    private static final Path LIBRARY = Path.of("spark/src/main/java/sspvs/spark");
    private static final Pattern PRINTING = Pattern.compile("System\\s*\\.\\s*(out|err)\\b|\\.printStackTrace\\(\\)"
            + "|me\\.tongfei\\.progressbar");

    private static List<Path> sources(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void theLibraryNeitherPrintsNorUsesItsCommands() throws IOException {
        List<Path> files = sources(LIBRARY, false);
        assertTrue(files.size() > 10, "the scan sees the library: " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            assertEquals(false, PRINTING.matcher(text).find(), f + " prints");
            assertEquals(false, text.contains("import sspvs.spark.cli"), f + " uses the commands");
        }
    }

    /** The core packages the library's package-info allows; a new use must be added there and here. */
    private static final Set<String> CORE_USES = Set.of("sspvs", "sspvs.io", "sspvs.config", "sspvs.summarize",
            "sspvs.video.decode", "sspvs.video.features");
    private static final Pattern CORE_CLASS = Pattern.compile("\\b(sspvs(?:\\.[a-z0-9_]+)*)\\.[A-Z]");

    @Test
    void theLibraryUsesOnlyTheCorePackagesItsPackageInfoNames() throws IOException {
        for (Path f : sources(LIBRARY, false)) {
            String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
            Matcher m = CORE_CLASS.matcher(code);
            while (m.find()) {
                String pkg = m.group(1);
                assertTrue(pkg.startsWith("sspvs.spark") && !pkg.startsWith("sspvs.spark.cli")
                        || CORE_USES.contains(pkg), f + " uses " + pkg);
            }
        }
    }

    @Test
    void theCoreNeverReachesSpark() throws IOException {
        for (Path f : sources(Path.of("core/src/main/java"), true)) {
            assertEquals(false, Files.readString(f).contains("org.apache.spark"), f.toString());
        }
    }
}
