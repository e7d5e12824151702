package sspvs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import sspvs.UserException;

/**
 * Reads one kind of config record strictly, from YAML files, YAML text, JSON and {@code key=value} overrides.
 *
 * <p>Every way in ends in {@link #fromTree}: a key the record does not declare is an error naming it, with "did you
 * mean 'k'?" for a near key and the list of known keys otherwise; the {@code defaults} fill in the optional keys; every key still absent is listed as
 * missing; a value Jackson cannot bind is named with its key; then the record's own validation runs. The keys are
 * the {@link JsonProperty} names of the record's components, in declaration order.
 *
 * <p>Messages start with an {@code origin} naming where the text came from ({@code config FILE}, where overrides came from,
 * a checkpoint entry), so the user can find the mistake.
 *
 * @param <T> the config record, its components annotated with {@link JsonProperty}
 */
final class ConfigReader<T extends Record> {

    // Strict binding: a null for a number or a 1.5 for an int is a wrong type, not a silent 0 or 1; a key given
    // twice or a second document after the first is an error, not a silent choice of one of them.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private final Class<T> type;
    private final Set<String> keys;
    private final Map<String, Object> defaults;
    private final BiConsumer<T, String> validation;

    /**
     * @param defaults   values of the optional keys (a null value: the key may be absent and then is null)
     * @param validation checks a bound config's values, throwing a {@link UserException} that starts with the
     *                   origin it is given
     */
    ConfigReader(Class<T> type, Map<String, Object> defaults, BiConsumer<T, String> validation) {
        this.type = type;
        this.keys = keysOf(type);
        this.defaults = defaults;
        this.validation = validation;
    }

    /** Every key, in the record's order (unmodifiable). */
    Set<String> keys() {
        return keys;
    }

    /** Reads a YAML file; a file that cannot be read or is not YAML is an error naming the file. */
    T load(Path file) {
        JsonNode tree;
        try {
            tree = YAML.readTree(readText(file));
        } catch (JsonProcessingException e) {
            throw new UserException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        return fromTree(object(tree, "config " + file, "expected a mapping of keys to values"), "config " + file);
    }

    /** The text of a config file, or an error naming it. */
    String readText(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException("config " + file + " is a folder, not a YAML file");
        }
        try {
            return Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("config " + file + " not found", e);
        } catch (IOException e) {
            throw new UserException("cannot read config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses YAML text; {@code origin} names the source in error messages. */
    T parse(String yaml, String origin) {
        try {
            return fromTree(object(YAML.readTree(yaml), origin, "expected a mapping of keys to values"), origin);
        } catch (JsonProcessingException e) {
            throw new UserException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads what {@link #toJson} wrote. */
    T fromJson(String json, String origin) {
        try {
            return fromTree(object(JSON.readTree(json), origin, "expected a JSON object"), origin);
        } catch (JsonProcessingException e) {
            throw new UserException(origin + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The config as one pretty-printed JSON object with its YAML keys. */
    String toJson(T config) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A copy of {@code config} with {@code key=value} settings applied; values are YAML scalars or flow lists, e.g.
     * {@code lr=1e-4}, {@code milestones=[10,20]}, {@code resume=null}. Messages name a setting after
     * {@code origin}, where the settings came from (the CLI passes its option, {@code --set}).
     */
    T withOverrides(T config, String origin, String... settings) {
        ObjectNode tree = JSON.valueToTree(config);
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                throw new UserException(origin + " " + setting + ": expected key=value");
            }
            String key = setting.substring(0, eq).trim();
            if (!keys.contains(key)) {
                throw new UserException(origin + " " + setting + ": unknown key '" + key + "'"
                        + suggest(key));
            }
            try {
                JsonNode value = YAML.readTree(setting.substring(eq + 1));
                tree.set(key, value == null ? JSON.nullNode() : value);
            } catch (JsonProcessingException e) {
                throw new UserException(origin + " " + setting + ": value is not valid YAML", e);
            }
        }
        return fromTree(tree, origin);
    }

    private T fromTree(ObjectNode tree, String origin) {
        for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw new UserException(origin + ": unknown key '" + key + "'"
                        + suggest(key));
            }
        }
        ObjectNode full = JSON.valueToTree(defaults);
        full.setAll(tree);
        Set<String> missing = new LinkedHashSet<>(keys);
        full.fieldNames().forEachRemaining(missing::remove);
        if (!missing.isEmpty()) {
            throw new UserException(origin + ": missing required key(s) " + missing);
        }
        T config;
        try {
            config = JSON.treeToValue(full, type);
        } catch (MismatchedInputException e) {
            String key = e.getPath().isEmpty() ? "?" : e.getPath().get(0).getFieldName();
            throw new UserException(origin + ": key '" + key + "' has a value of the wrong type ("
                    + full.get(key) + ")", e);
        } catch (JsonProcessingException e) {
            throw new UserException(origin + ": " + e.getOriginalMessage(), e);
        }
        validation.accept(config, origin);
        return config;
    }

    private static ObjectNode object(JsonNode tree, String origin, String expected) {
        if (tree == null || !tree.isObject()) {
            throw new UserException(origin + ": " + expected);
        }
        return (ObjectNode) tree;
    }

    /** The known key within edit distance 2 of a misspelt one, else the list of known keys. */
    private String suggest(String key) {
        String best = null;
        int bestDistance = 3;
        for (String k : keys) {
            int dist = editDistance(key, k);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = k;
            }
        }
        return best == null ? knownKeys() : " (did you mean '" + best + "'?)";
    }

    private String knownKeys() {
        return " (known keys: " + String.join(", ", keys) + ")";
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

    // @JsonProperty cannot target record components, so Java puts it on the accessor (and field, parameter).
    private static Set<String> keysOf(Class<? extends Record> type) {
        Set<String> keys = new LinkedHashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + component.getName()
                        + " has no @JsonProperty naming its key");
            }
            keys.add(property.value());
        }
        return Collections.unmodifiableSet(keys);
    }
}
