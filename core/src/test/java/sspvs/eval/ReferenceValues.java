package sspvs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Values computed with numpy/scipy by {@code tools/gen_eval_reference.py} (committed fixture, no Python needed). */
final class ReferenceValues {
    private static JsonNode root;

    private ReferenceValues() {}

    static synchronized JsonNode get(String section) {
        if (root == null) {
            try (InputStream in = ReferenceValues.class.getResourceAsStream("eval_reference.json")) {
                root = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root.get(section);
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
