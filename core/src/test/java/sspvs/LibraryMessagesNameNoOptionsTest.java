package sspvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library packages of core, spark and server serve three front ends (CLI, Spark batch, web server): their
 * messages describe the problem in the library's terms, never a command-line option, which only a front end has;
 * where an option is the way out, the exception carries a {@link UserException.Remedy} that the front end renders.
 * Only the front ends' own packages ({@code sspvs.cli}, {@code sspvs.spark.cli}, {@code sspvs.server.cli}) name
 * options.
 */
class LibraryMessagesNameNoOptionsTest {
    /** The repository root, whether the tests run from it or from the core module. */
    private static final Path ROOT = Files.isDirectory(Path.of("core/src/main/java")) ? Path.of(".") : Path.of("..");
    private static final List<Path> SOURCES = Stream.of("core", "spark", "server")
            .map(m -> ROOT.resolve(m).resolve("src/main/java")).toList();
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    /** {@code --name} not inside a word or a longer dash run: "--set", "(--out", "<code>--selection". */
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z]");

    @Test
    void noLibraryPackageNamesAnOption() throws IOException {
        assertEquals(List.of(), literalsNamingOptions(false),
                "string literals naming a command-line option outside the front ends' cli packages");
    }

    @Test
    void theScanSeesEveryModuleAndTheFrontEndsNamingOptions() throws IOException {
        for (Path src : SOURCES) {
            assertTrue(Files.isDirectory(src.resolve("sspvs")), "no sources at " + src.toAbsolutePath());
        }
        List<String> cli = literalsNamingOptions(true);
        assertTrue(cli.size() > 10, "the scan finds the CLI's own option names: " + cli.size());
        for (String module : List.of("spark/", "server/")) {
            assertTrue(cli.stream().anyMatch(s -> s.startsWith(module)), "the scan reads " + module + ": " + cli);
        }
    }

    @Test
    void theScanFindsAnOptionWhereverItStandsInALiteral() {
        for (String literal : List.of("\"--set x\"", "\"use --selection test\"", "\"(--out)\"", "\"<code>--restart\"")) {
            assertTrue(OPTION.matcher(literal).find(), literal);
        }
        for (String literal : List.of("\"a-b--c\"", "\"<!-- comment -->\"", "\"--- rule\"", "\"x -- y\"")) {
            assertTrue(!OPTION.matcher(literal).find(), literal);
        }
    }

    /** Literals naming an option, in the front ends' cli packages ({@code cli} true) or in every other package. */
    private static List<String> literalsNamingOptions(boolean cli) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path src : SOURCES) {
            try (Stream<Path> files = Files.walk(src)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String pkg = src.relativize(p.getParent()).toString().replace('\\', '.').replace('/', '.');
                    if ((pkg.equals("sspvs.cli") || pkg.endsWith(".cli")) != cli) {
                        continue;
                    }
                    Matcher m = STRING_LITERAL.matcher(NoPrintingOutsideCliTest.withoutComments(Files.readString(p)));
                    while (m.find()) {
                        if (OPTION.matcher(m.group()).find()) {
                            found.add(ROOT.relativize(p).toString().replace('\\', '/') + ": " + m.group());
                        }
                    }
                }
            }
        }
        return found;
    }
}
