package sspvs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;
import sspvs.eval.VideoEvaluation;
import sspvs.io.AtomicFiles;

/**
 * Where a result came from, the one writer of provenance: {@code run.json} for {@code run} and {@code pretrain}, and
 * the {@link #software()} block of {@code summarize}'s {@code summary.json}. A run.json holds the config, the
 * seed, the selection protocol, every split's chosen epoch with its per-video results, the software versions (Java,
 * sspvs, DJL), the SHA-256 of each data file and of the other inputs (split file, pretrained checkpoint), so a number
 * in records.csv can be traced and re-run.
 *
 * <p>Build one with {@link #builder} (a {@code run}) or {@link #forPretraining}, add inputs, entries and splits,
 * then {@link #write} (atomic; a pre-training run rewrites it after every epoch). NaN (an undefined correlation) is
 * written as {@code null}.
 */
public final class Provenance {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One split's outcome.
     *
     * @param split index in the split file
     * @param chosen the epoch chosen and its test metrics
     * @param videos per-video test results at that epoch
     */
    public record SplitResult(int split, EpochMetrics chosen, List<VideoEvaluation> videos, String checkpoint,
            List<String> trainKeys, List<String> validationKeys, List<String> testKeys) {
        /** A split's result without its checkpoint and keys. */
        public SplitResult(int split, EpochMetrics chosen, List<VideoEvaluation> videos) {
            this(split, chosen, videos, null, List.of(), List.of(), List.of());
        }
    }

    private final String exp;
    private final JsonNode config;
    private final long seed;
    private final EpochSelection.Selection selection;
    private final EpochSelection.Rule rule;
    private final Map<String, String> dataFiles = new LinkedHashMap<>();
    private final List<SplitResult> splits = new ArrayList<>();
    private final Map<String, Object> entries = new LinkedHashMap<>();
    private final Instant created = Instant.now();

    private Provenance(String exp, JsonNode config, long seed, EpochSelection.Selection selection,
            EpochSelection.Rule rule) {
        this.exp = exp;
        this.config = config;
        this.seed = seed;
        this.selection = selection;
        this.rule = rule;
    }

    /** Starts the record of one config's run; {@code config} is the config as JSON (e.g. its YAML read as a tree). */
    public static Provenance builder(String exp, JsonNode config, long seed, EpochSelection.Selection selection,
            EpochSelection.Rule rule) {
        return new Provenance(exp, config, seed, selection, rule);
    }

    /** Starts the record of a pre-training run: no splits, no epoch selection. */
    public static Provenance forPretraining(String exp, JsonNode config, long seed) {
        return new Provenance(exp, config, seed, null, null);
    }

    /**
     * Records an input file as {@code name} (its path as given) and {@code name_sha256}; a null file is recorded as
     * {@code name: null} (e.g. no pretrained checkpoint).
     */
    public Provenance input(String name, Path file, String label) {
        entries.put(name, file == null ? null : label);
        if (file != null) {
            entries.put(name + "_sha256", sspvs.io.Sha256.of(file));
        }
        return this;
    }

    /** Records an entry of its own ({@code metric}, {@code text_guidance}, ...): a string, number, list or map. */
    public Provenance put(String name, Object value) {
        entries.put(name, value);
        return this;
    }

    /** Records a data file by path and SHA-256. */
    public Provenance dataFile(Path file) {
        dataFiles.put(file.toString(), sspvs.io.Sha256.of(file));
        return this;
    }

    public Provenance split(SplitResult result) {
        splits.add(result);
        return this;
    }

    public List<SplitResult> splits() {
        return List.copyOf(splits);
    }

    /** The provenance as a JSON tree. */
    public ObjectNode toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("exp", exp);
        root.put("created", created.toString());
        root.put("seed", seed);
        if (selection != null) {
            root.put("selection", selection.label());
            root.put("selection_rule", rule.name().toLowerCase(java.util.Locale.ROOT));
        }
        root.set("config", config == null ? MAPPER.nullNode() : config);
        root.set("software", software());
        if (selection == null && dataFiles.isEmpty() && splits.isEmpty()) {
            entries.forEach((name, value) -> root.set(name, MAPPER.valueToTree(value)));
            return root; // a pre-training run: its data and progress are entries of its own
        }
        ObjectNode data = root.putObject("data_files");
        dataFiles.forEach((path, hash) -> data.putObject(path).put("sha256", hash));
        ArrayNode splitArray = root.putArray("splits");
        for (SplitResult s : splits) {
            ObjectNode node = splitArray.addObject();
            node.put("split", s.split());
            node.put("epoch", s.chosen().epoch());
            ObjectNode test = node.putObject("test");
            put(test, "f_score", s.chosen().fScore());
            put(test, "kendalltau", s.chosen().kendall());
            put(test, "spearmanr", s.chosen().spearman());
            ObjectNode videos = node.putObject("videos");
            for (VideoEvaluation e : s.videos()) {
                ObjectNode v = videos.putObject(e.key());
                put(v, "f_score", e.fScore());
                put(v, "precision", e.precision());
                put(v, "recall", e.recall());
                put(v, "kendalltau", e.kendall());
                put(v, "spearmanr", e.spearman());
            }
            if (s.checkpoint() != null) {
                node.put("checkpoint", s.checkpoint());
                s.trainKeys().forEach(node.putArray("train_keys")::add);
                s.validationKeys().forEach(node.putArray("validation_keys")::add);
                s.testKeys().forEach(node.putArray("test_keys")::add);
            }
        }
        entries.forEach((name, value) -> root.set(name, MAPPER.valueToTree(value)));
        return root;
    }

    /**
     * The software that made a result, the same block in every file that says where a result came from: {@code java},
     * {@code java_vendor}, {@code sspvs}, {@code djl}, {@code os}.
     */
    public static ObjectNode software() {
        ObjectNode software = MAPPER.createObjectNode();
        software.put("java", System.getProperty("java.version"));
        software.put("java_vendor", System.getProperty("java.vendor"));
        software.put("sspvs", version(Provenance.class.getPackage().getImplementationVersion()));
        software.put("djl", djlVersion());
        software.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return software;
    }

    /** Writes the JSON atomically. */
    public void write(Path file) {
        try {
            AtomicFiles.writeString(file, MAPPER.writeValueAsString(toJson()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String version(String v) {
        return v == null ? "dev" : v;
    }

    /** DJL's version from its jar manifest, without starting an engine. */
    static String djlVersion() {
        try {
            Package p = Class.forName("ai.djl.ndarray.types.Shape").getPackage();
            String v = p.getSpecificationVersion() != null ? p.getSpecificationVersion() : p.getImplementationVersion();
            return v == null ? "unknown" : v;
        } catch (ClassNotFoundException e) {
            return "absent";
        }
    }
}
