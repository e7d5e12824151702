package sspvs.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** The checkpoints made by {@code tools/make_ckpt_fixture.py} with torch 1.13, and the values torch read from them. */
final class CkptFixtures {
    private CkptFixtures() {}

    static Path path(String name) {
        try {
            return Path.of(CkptFixtures.class.getResource("/ckpt/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource ckpt/" + name + " missing", e);
        }
    }

    /** expected.json: {"tensors": [{"name", "dtype", "shape", "values", "sum"}, ...]} in state-dict order. */
    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(path("expected.json").toFile()).get("tensors");
    }

    static long[] shape(JsonNode tensor) {
        JsonNode s = tensor.get("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asLong();
        }
        return out;
    }

    static float[] values(JsonNode tensor) {
        JsonNode v = tensor.get("values");
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) v.get(i).asDouble();
        }
        return out;
    }
}
