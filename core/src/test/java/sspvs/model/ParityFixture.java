package sspvs.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The torch reference values written by {@code tools/make_model_fixture.py}: a JSON index (name -> shape, offset)
 * over one little-endian float32 blob.
 */
final class ParityFixture {
    final JsonNode config;
    final List<String> parameterNames = new ArrayList<>();
    private final JsonNode arrays;
    private final float[] blob;

    private ParityFixture(JsonNode index, float[] blob) {
        this.config = index.get("config");
        index.get("parameters").forEach(n -> parameterNames.add(n.asText()));
        this.arrays = index.get("arrays");
        this.blob = blob;
    }

    static ParityFixture load() {
        return load("parity");
    }

    /** {@code <base>.json} and {@code <base>.bin} beside this class (e.g. {@code parity_text} of the text path). */
    static ParityFixture load(String base) {
        try (InputStream json = ParityFixture.class.getResourceAsStream(base + ".json");
                InputStream bin = ParityFixture.class.getResourceAsStream(base + ".bin")) {
            JsonNode index = new ObjectMapper().readTree(json);
            byte[] bytes = bin.readAllBytes();
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return new ParityFixture(index, values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SummarizerSpec spec() {
        return new SummarizerSpec(config.get("d").asInt(), config.get("heads").asInt(), config.get("ffn").asInt(),
                config.get("layers").asInt(), config.get("stages").asInt(),
                (float) config.get("pos_enc_weight").asDouble(), 0.1f, 0.1f);
    }

    long[] shape(String name) {
        JsonNode s = entry(name).get("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asLong();
        }
        return out;
    }

    float[] values(String name) {
        long n = 1;
        for (long s : shape(name)) {
            n *= s;
        }
        int offset = entry(name).get("offset").asInt();
        float[] out = new float[(int) n];
        System.arraycopy(blob, offset, out, 0, out.length);
        return out;
    }

    /** Every array under {@code prefix/}, keyed by the rest of its name. */
    Map<String, float[]> group(String prefix) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : parameterNames) {
            out.put(name, values(prefix + "/" + name));
        }
        return out;
    }

    private JsonNode entry(String name) {
        JsonNode e = arrays.get(name);
        if (e == null) {
            throw new IllegalArgumentException("fixture has no array " + name);
        }
        return e;
    }
}
