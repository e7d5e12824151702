package sspvs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers and every dependency points down (or stays within its layer): a package never uses one
 * above it, so there are no cycles, training never reaches the media code (JavaCV/FFmpeg), and the front ends sit on
 * top. Checked on the compiled classes of the main tree: every class named in a class file's constant pool (types,
 * descriptors, signatures) counts as a use.
 *
 * <p>The layers, bottom to top, are those of the architecture issue, adjusted where the real dependencies are
 * different and sound:
 * <ul>
 *   <li>{@code tensor} and {@code text} sit below {@code data}: the data package reads and writes the per-video
 *       token files ({@code VideoTextInfo}, {@code TextInputBuilder}) and {@code text} needs only {@code io} and
 *       {@code tensor};</li>
 *   <li>{@code knapsack} (the one 0/1 knapsack solver) sits below {@code data}: ground truth derived from
 *       annotations and the evaluation's summaries both use it (this broke the data ↔ eval cycle);</li>
 *   <li>{@code report} (records.csv, epoch selection, provenance) sits below {@code model} and {@code train}: it
 *       needs only {@code eval}, and training writes its results through it.</li>
 * </ul>
 */
class LayeringTest {
    /** Bottom to top; a package belongs to the first layer with a matching entry ({@code x.*}: x and below it). */
    static final List<List<String>> LAYERS = List.of(
            List.of("sspvs"), // UserException
            List.of("sspvs.io"),
            List.of("sspvs.stats"), // bootstrap and Wilcoxon, on commons-math3 alone
            List.of("sspvs.onnx"), // the one reader of ONNX files (text's BERT weights, the image model's input size)
            List.of("sspvs.config"),
            List.of("sspvs.tensor"),
            List.of("sspvs.knapsack"),
            List.of("sspvs.text"),
            List.of("sspvs.data"),
            List.of("sspvs.eval"),
            List.of("sspvs.report"),
            List.of("sspvs.model", "sspvs.model.*"),
            List.of("sspvs.train"),
            // media: may use every core package, never the reverse
            List.of("sspvs.shots"),
            List.of("sspvs.video", "sspvs.video.*"),
            List.of("sspvs.summarize"),
            // front ends
            List.of("sspvs.cli"));


    private static final Pattern CLASS_NAME = Pattern.compile("sspvs/((?:[a-z0-9_]+/)*)[A-Z][A-Za-z0-9_$]*");

    @Test
    void noPackageUsesOneAboveIt() throws Exception {
        Map<String, Set<String>> uses = packageUses(classesRoot());
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : uses.entrySet()) {
            int from = layerOf(e.getKey());
            for (String to : e.getValue()) {
                String edge = e.getKey() + " -> " + to;
                if (layerOf(to) > from) {
                    violations.add(edge + " (" + e.getKey() + " is in layer " + from + ", " + to + " in layer "
                            + layerOf(to) + ")");
                }
            }
        }
        assertTrue(violations.isEmpty(), "packages that use one above them:\n" + String.join("\n", violations));
    }

    @Test
    void trainingAndReportingNeverReachTheMediaCodeEvenTransitively() throws Exception {
        Map<String, Set<String>> uses = packageUses(classesRoot());
        for (String core : List.of("sspvs.train", "sspvs.report", "sspvs.model", "sspvs.eval", "sspvs.data")) {
            Set<String> reached = new TreeSet<>();
            List<String> todo = new ArrayList<>(List.of(core));
            while (!todo.isEmpty()) {
                String p = todo.remove(todo.size() - 1);
                for (String q : uses.getOrDefault(p, Set.of())) {
                    if (reached.add(q)) {
                        todo.add(q);
                    }
                }
            }
            for (String q : reached) {
                if (q.startsWith("sspvs.video") || q.equals("sspvs.summarize") || q.equals("sspvs.shots")
                        || q.equals("sspvs.cli")) {
                    fail(core + " reaches " + q);
                }
            }
        }
    }

    @Test
    void theRuleSeesRealDependencies() throws Exception {
        Map<String, Set<String>> uses = packageUses(classesRoot());
        assertTrue(uses.get("sspvs.train").contains("sspvs.model"), uses.toString());
        assertTrue(uses.get("sspvs.eval").contains("sspvs.data"), uses.toString());
        assertTrue(uses.get("sspvs.data").contains("sspvs"), "UserException is used: " + uses.get("sspvs.data"));
        assertTrue(layerOf("sspvs.data") > layerOf("sspvs.knapsack"));
        assertTrue(layerOf("sspvs.video.decode") == layerOf("sspvs.video"));
    }

    static int layerOf(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String entry : LAYERS.get(i)) {
                if (entry.equals(pkg) || entry.endsWith(".*") && pkg.startsWith(entry.substring(0, entry.length() - 1))) {
                    return i;
                }
            }
        }
        throw new AssertionError("package " + pkg + " is in no layer of LayeringTest.LAYERS: place it");
    }

    static Path classesRoot() throws Exception {
        return Path.of(UserException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** For every package of the main classes, the other sspvs packages its classes name. */
    static Map<String, Set<String>> packageUses(Path root) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String rel = root.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
                if (!rel.equals("sspvs") && !rel.startsWith("sspvs.")) {
                    continue;
                }
                Set<String> to = uses.computeIfAbsent(rel, k -> new TreeSet<>());
                for (String s : utf8Constants(f)) {
                    Matcher m = CLASS_NAME.matcher(s);
                    while (m.find()) {
                        String dir = m.group(1);
                        String pkg = dir.isEmpty() ? "sspvs" : "sspvs." + dir.substring(0, dir.length() - 1)
                                .replace('/', '.');
                        if (!pkg.equals(rel)) {
                            to.add(pkg);
                        }
                    }
                }
            }
        }
        return uses;
    }

    /** The UTF-8 entries of a class file's constant pool (JVM spec §4.4). */
    static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException(classFile + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++; // longs and doubles take two entries
                    }
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
        }
        return out;
    }
}
