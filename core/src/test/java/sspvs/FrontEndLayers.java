package sspvs;

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

/**
 * The layering checks a front-end module (Spark batch, the web server) makes of itself, over its sources: its
 * library package neither prints nor reaches up into its own {@code cli} package, uses only the core packages its
 * package-info names, and the core never mentions the front end's framework. Shared through core's test jar.
 */
public final class FrontEndLayers {
    private static final Pattern CORE_CLASS = Pattern.compile("\\b(sspvs(?:\\.[a-z0-9_]+)*)\\.[A-Z]");

    private FrontEndLayers() {}

    /** Every .java file directly in {@code dir}, or below it when {@code recursive}. */
    public static List<Path> sources(Path dir, boolean recursive) throws IOException {
        try (Stream<Path> files = recursive ? Files.walk(dir) : Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    /**
     * The library (the Java files directly in {@code library}, at least {@code atLeast + 1} of them) matches
     * {@code printing} nowhere and never imports {@code ownPackage + ".cli"}.
     */
    public static void assertNeitherPrintsNorUsesItsCli(Path library, String ownPackage, Pattern printing,
            int atLeast) throws IOException {
        List<Path> files = sources(library, false);
        assertTrue(files.size() > atLeast, "the scan sees the library: " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            assertEquals(false, printing.matcher(text).find(), f + " prints");
            assertEquals(false, text.contains("import " + ownPackage + ".cli"), f + " uses its commands");
        }
    }

    /** Every sspvs class the library names (comments aside) is its own, outside its cli, or in {@code coreUses}. */
    public static void assertUsesOnlyItsOwnAndThese(Path library, String ownPackage, Set<String> coreUses)
            throws IOException {
        for (Path f : sources(library, false)) {
            String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
            Matcher m = CORE_CLASS.matcher(code);
            while (m.find()) {
                String pkg = m.group(1);
                assertTrue(pkg.startsWith(ownPackage) && !pkg.startsWith(ownPackage + ".cli")
                        || coreUses.contains(pkg), f + " uses " + pkg);
            }
        }
    }

    /** No file of the core's main sources contains any of {@code markers} (a front end's framework packages). */
    public static void assertCoreNeverMentions(String... markers) throws IOException {
        for (Path f : sources(Path.of("core/src/main/java"), true)) {
            String text = Files.readString(f);
            for (String marker : markers) {
                assertEquals(false, text.contains(marker), f + " mentions " + marker);
            }
        }
    }
}
