package sspvs.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import sspvs.UserException;

/**
 * Reads the reference's split files ({@code splits/*.json}): a JSON array of objects
 * {@code {"train_keys": [...], "test_keys": [...]}}. Unknown members, empty or duplicated key lists and keys
 * that are neither {@code video_N} nor {@code <prefix>/video_N} are errors naming the file and split.
 */
public final class SplitFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SplitFile() {}

    public static List<Split> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such split file");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UserException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw new UserException(file + ": expected a JSON array of {\"train_keys\": [...], \"test_keys\": [...]} objects");
        }
        List<Split> splits = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            splits.add(parseSplit(file, i, root.get(i)));
        }
        return List.copyOf(splits);
    }

    private static Split parseSplit(Path file, int index, JsonNode node) {
        String where = file + ": split " + index;
        if (!node.isObject()) {
            throw new UserException(where + " is not an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!name.equals("train_keys") && !name.equals("test_keys")) {
                throw new UserException(where + ": unknown member '" + name + "' (expected train_keys and test_keys)");
            }
        }
        List<String> train = keys(where, node, "train_keys");
        List<String> test = keys(where, node, "test_keys");
        Set<String> overlap = new HashSet<>(train);
        overlap.retainAll(test);
        if (!overlap.isEmpty()) {
            throw new UserException(where + ": keys in both train_keys and test_keys: " + overlap);
        }
        return new Split(train, test);
    }

    private static List<String> keys(String where, JsonNode split, String member) {
        JsonNode list = split.get(member);
        if (list == null || !list.isArray()) {
            throw new UserException(where + ": '" + member + "' is missing or not an array");
        }
        if (list.isEmpty()) {
            throw new UserException(where + ": '" + member + "' is empty");
        }
        List<String> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode k : list) {
            if (!k.isTextual()) {
                throw new UserException(where + ": '" + member + "' holds " + k + ", not a string");
            }
            String key = k.asText();
            SplitKey.parse(key, where + ", " + member);
            if (!seen.add(key)) {
                throw new UserException(where + ": '" + member + "' lists " + key + " twice");
            }
            keys.add(key);
        }
        return keys;
    }
}
