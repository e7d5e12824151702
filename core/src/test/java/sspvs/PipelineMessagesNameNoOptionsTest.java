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
 * The summarize pipeline's packages serve three front ends (CLI, Spark batch, web server): their messages describe
 * the problem ("choose another output folder"), never a command-line option, which only the CLI has and adds.
 */
class PipelineMessagesNameNoOptionsTest {
    private static final Path MAIN = Path.of("core/src/main/java/sspvs").toFile().exists()
            ? Path.of("core/src/main/java/sspvs") : Path.of("src/main/java/sspvs");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
    private static final Pattern OPTION = Pattern.compile("(^|[\\s(\"'])--[a-z]");

    @Test
    void thePipelinesPackagesNameNoOption() throws IOException {
        assertEquals(List.of(), literalsNamingOptions("summarize", "video", "shots", "io"),
                "string literals naming a command-line option in the pipeline's packages");
    }

    @Test
    void theScanSeesTheCliNamingOptions() throws IOException {
        assertTrue(literalsNamingOptions("cli").size() > 10, "the scan finds the CLI's own option names");
    }

    private static List<String> literalsNamingOptions(String... packages) throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : packages) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher m = STRING_LITERAL.matcher(NoPrintingOutsideCliTest.withoutComments(Files.readString(p)));
                    while (m.find()) {
                        if (OPTION.matcher(m.group()).find()) {
                            found.add(MAIN.relativize(p) + ": " + m.group());
                        }
                    }
                }
            }
        }
        return found;
    }
}
