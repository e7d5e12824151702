package sspvs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Says which keys of two configs (as stored JSON) differ, for messages about a run that cannot be resumed. */
final class ConfigDifference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigDifference() {}

    /** e.g. {@code lr: 0.002 there, 0.01 now}; "settings differ" when the JSON cannot be compared key by key. */
    static String describe(String thereJson, String nowJson) {
        try {
            JsonNode there = JSON.readTree(thereJson);
            JsonNode now = JSON.readTree(nowJson);
            Set<String> keys = new LinkedHashSet<>();
            there.fieldNames().forEachRemaining(keys::add);
            now.fieldNames().forEachRemaining(keys::add);
            List<String> out = new ArrayList<>();
            for (String key : keys) {
                JsonNode a = there.get(key);
                JsonNode b = now.get(key);
                if (a == null || b == null || !a.equals(b)) {
                    out.add(key + ": " + text(a) + " there, " + text(b) + " now");
                }
            }
            return out.isEmpty() ? "settings differ" : String.join("; ", out);
        } catch (IOException e) {
            return "settings differ";
        }
    }

    private static String text(JsonNode n) {
        return n == null ? "absent" : n.isTextual() ? n.asText() : n.toString();
    }
}
