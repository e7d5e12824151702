package sspvs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;

/**
 * One experiment's settings, with the reference's YAML keys ({@code cfgs/*.yaml}) and their meaning.
 *
 * <p>Loading is strict: a key we do not know is an error naming the key and the file (a typo must not silently
 * fall back to a default). Keys the reference itself treats as optional, or that its augmented/transfer configs
 * leave out, have defaults: {@code set_multiply} 1, {@code with_info_guide} false, {@code text_trainable} true,
 * {@code data_file} and {@code info_embed_root_test} absent (null), {@code resume} absent (train from scratch),
 * {@code max_cat/max_query/max_title/max_desc} 1/3/10/15 (only used with text guidance). Every other key is
 * required.
 */
public record RunConfig(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("dropout_vid") double dropoutVid,
        @JsonProperty("nhead_vid") int nheadVid,
        @JsonProperty("nhid_vid") int nhidVid,
        @JsonProperty("nlayers_vid") int nlayersVid,
        @JsonProperty("pos_enc_weight") double posEncWeight,
        @JsonProperty("with_info_guide") boolean withInfoGuide,
        @JsonProperty("text_trainable") boolean textTrainable,
        @JsonProperty("dropout_predictor") double dropoutPredictor,
        @JsonProperty("iter") int iter,
        @JsonProperty("set_name_test") String setNameTest,
        @JsonProperty("data_file") String dataFile,
        @JsonProperty("split_file") String splitFile,
        @JsonProperty("info_embed_root_test") String infoEmbedRootTest,
        @JsonProperty("resume") String resume,
        @JsonProperty("lr") double lr,
        @JsonProperty("milestones") List<Integer> milestones,
        @JsonProperty("gamma") double gamma,
        @JsonProperty("max_epochs") int maxEpochs,
        @JsonProperty("batch_size_train") int batchSizeTrain,
        @JsonProperty("batch_size_val") int batchSizeVal,
        @JsonProperty("loss") String loss,
        @JsonProperty("max_cat") int maxCat,
        @JsonProperty("max_query") int maxQuery,
        @JsonProperty("max_title") int maxTitle,
        @JsonProperty("max_desc") int maxDesc,
        @JsonProperty("max_video") int maxVideo,
        @JsonProperty("set_multiply") int setMultiply,
        @JsonProperty("num_workers") int numWorkers,
        @JsonProperty("seed") long seed,
        @JsonProperty("val_freq") int valFreq,
        @JsonProperty("num_sanity_val_steps") int numSanityValSteps) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** Values of the optional keys (see the class comment). */
    private static final Map<String, Object> DEFAULTS = defaults();

    /** Every key, in the record's order. */
    public static final Set<String> KEYS = keys();

    public RunConfig {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /** Reads a YAML experiment file. */
    public static RunConfig load(Path file) {
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new UserException("config " + file + ": expected a mapping of keys to values");
        }
        return fromTree((ObjectNode) tree, "config " + file);
    }

    /** Parses YAML text (no file); {@code origin} names the source in error messages. */
    public static RunConfig parse(String yaml, String origin) {
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree == null || !tree.isObject()) {
                throw new UserException(origin + ": expected a mapping of keys to values");
            }
            return fromTree((ObjectNode) tree, origin);
        } catch (JsonProcessingException e) {
            throw new UserException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A copy with {@code key=value} settings applied (the CLI's {@code --set}); values are YAML scalars or flow
     * lists, e.g. {@code lr=1e-4}, {@code milestones=[10,20]}, {@code resume=null}.
     */
    public RunConfig withOverrides(String... settings) {
        ObjectNode tree = JSON.valueToTree(this);
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new UserException("--set " + setting + ": expected key=value");
            }
            String key = setting.substring(0, eq).trim();
            if (!KEYS.contains(key)) {
                throw new UserException("--set " + setting + ": unknown key '" + key + "'" + suggest(key));
            }
            try {
                JsonNode value = YAML.readTree(setting.substring(eq + 1));
                tree.set(key, value == null ? JSON.nullNode() : value);
            } catch (JsonProcessingException e) {
                throw new UserException("--set " + setting + ": value is not valid YAML", e);
            }
        }
        return fromTree(tree, "--set");
    }

    /** The config as one JSON object with the reference's keys (stored beside checkpoints). */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static RunConfig fromJson(String json, String origin) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new UserException(origin + ": expected a JSON object");
            }
            return fromTree((ObjectNode) tree, origin);
        } catch (JsonProcessingException e) {
            throw new UserException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static RunConfig fromTree(ObjectNode tree, String origin) {
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new UserException(origin + ": unknown key '" + key + "'" + suggest(key));
            }
        }
        ObjectNode full = JSON.valueToTree(DEFAULTS);
        full.setAll(tree);
        Set<String> missing = new LinkedHashSet<>(KEYS);
        full.fieldNames().forEachRemaining(missing::remove);
        if (!missing.isEmpty()) {
            throw new UserException(origin + ": missing required key(s) " + missing);
        }
        RunConfig config;
        try {
            config = JSON.treeToValue(full, RunConfig.class);
        } catch (MismatchedInputException e) {
            String key = e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
            throw new UserException(origin + ": key '" + key + "' has a value of the wrong type ("
                    + full.get(key) + ")", e);
        } catch (JsonProcessingException e) {
            throw new UserException(origin + ": " + e.getOriginalMessage(), e);
        }
        config.validate(origin);
        return config;
    }

    private void validate(String origin) {
        require(origin, "iter", iter >= 1);
        require(origin, "nlayers_vid", nlayersVid >= 1);
        require(origin, "nhead_vid", nheadVid >= 1 && 1024 % nheadVid == 0);
        require(origin, "nhid_vid", nhidVid >= 1);
        require(origin, "dropout_vid", dropoutVid >= 0 && dropoutVid < 1);
        require(origin, "dropout_predictor", dropoutPredictor >= 0 && dropoutPredictor < 1);
        require(origin, "lr", lr > 0);
        require(origin, "gamma", gamma > 0);
        require(origin, "max_epochs", maxEpochs >= 0);
        require(origin, "batch_size_train", batchSizeTrain >= 1);
        require(origin, "batch_size_val", batchSizeVal >= 1);
        require(origin, "max_video", maxVideo >= 1 && maxVideo < 5000);
        require(origin, "set_multiply", setMultiply >= 1);
        require(origin, "loss", "mse".equals(loss));
        require(origin, "model_name", "sspvs".equals(modelName));
        for (int m : milestones) {
            require(origin, "milestones", m >= 0);
        }
    }

    private static void require(String origin, String key, boolean ok) {
        if (!ok) {
            throw new UserException(origin + ": key '" + key + "' has an unsupported value");
        }
    }

    private static String suggest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String k : KEYS) {
            int dist = editDistance(key, k);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = k;
            }
        }
        return best == null ? " (known keys: " + String.join(", ", KEYS) + ")" : " (did you mean '" + best + "'?)";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("with_info_guide", false);
        d.put("text_trainable", true);
        d.put("data_file", null);
        d.put("info_embed_root_test", null);
        d.put("resume", null);
        d.put("max_cat", 1);
        d.put("max_query", 3);
        d.put("max_title", 10);
        d.put("max_desc", 15);
        d.put("set_multiply", 1);
        return d;
    }

    private static Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (var component : RunConfig.class.getRecordComponents()) {
            keys.add(component.getAccessor().getAnnotation(JsonProperty.class) != null
                    ? component.getAccessor().getAnnotation(JsonProperty.class).value()
                    : component.getAnnotation(JsonProperty.class).value());
        }
        return java.util.Collections.unmodifiableSet(keys);
    }
}
