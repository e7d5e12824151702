package sspvs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The media packages depend only downwards, stage by stage (see each package-info): decode below features below
 * summarize; render beside them; shots is maths with no video; training and reports never reach FFmpeg; production
 * code asks the synthetic test videos for nothing.
 */
class MediaLayersTest {
    private static final Path MAIN = Files.isDirectory(Path.of("core/src/main/java"))
            ? Path.of("core/src/main/java") : Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(sspvs(?:\\.[a-z]+)+)\\.[A-Z]");

    /** Package -> packages (prefixes) it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "sspvs.video.decode", List.of("sspvs.video.features", "sspvs.video.render", "sspvs.video.synthetic",
                    "sspvs.shots", "sspvs.summarize", "sspvs.cli", "sspvs.model", "sspvs.train"),
            "sspvs.video.features", List.of("sspvs.video.render", "sspvs.video.synthetic", "sspvs.summarize",
                    "sspvs.cli", "sspvs.train"),
            "sspvs.video.render", List.of("sspvs.video.features", "sspvs.video.synthetic", "sspvs.shots",
                    "sspvs.summarize", "sspvs.cli"),
            "sspvs.shots", List.of("sspvs.video", "sspvs.summarize", "sspvs.cli", "sspvs.model", "sspvs.train"),
            "sspvs.onnx", List.of("sspvs.video", "sspvs.text", "sspvs.summarize", "sspvs.cli"),
            "sspvs.summarize", List.of("sspvs.cli", "sspvs.video.synthetic"),
            "sspvs.report", List.of("sspvs.video", "sspvs.summarize", "sspvs.shots", "sspvs.cli"),
            "sspvs.train", List.of("sspvs.video", "sspvs.summarize", "sspvs.shots", "sspvs.cli"),
            "sspvs.data", List.of("sspvs.video", "sspvs.summarize", "sspvs.shots", "sspvs.cli"));

    @Test
    void mediaPackagesUseOnlyThePackagesBelowThem() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = MAIN.resolve(rule.getKey().replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) { // the package itself, not its sub-packages
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    checked++;
                    String code = NoPrintingOutsideCliTest.withoutComments(Files.readString(file));
                    Matcher m = REFERENCE.matcher(code);
                    while (m.find()) {
                        String used = m.group(1);
                        for (String banned : rule.getValue()) {
                            if (used.equals(banned) || used.startsWith(banned + ".")) {
                                violations.add(MAIN.relativize(file) + " uses " + used);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(true, checked > 40, "the scan found the sources (" + checked + " files)");
        assertEquals(List.of(), violations.stream().distinct().toList());
    }
}
