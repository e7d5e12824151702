package sspvs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sspvs.SharedData;

/**
 * The DJL encoder with all-MiniLM-L6-v2's weights against ONNX Runtime running the same ONNX file
 * (raw ORT API only, see STACK.md), on the same token ids.
 */
class BertTextEncoderParityTest {
    private static final double TOLERANCE = 1e-4;

    private static NDManager manager;
    private static BertTextEncoder encoder;
    private static TextTokenizer tokenizer;
    private static OrtEnvironment env;
    private static OrtSession session;

    @BeforeAll
    static void load() throws IOException, OrtException {
        manager = NDManager.newBaseManager();
        encoder = BertTextEncoder.pretrainedMiniLm(manager, 7);
        tokenizer = TextTokenizer.bundledMiniLm();
        env = OrtEnvironment.getEnvironment();
        try (InputStream in = BertTextEncoderParityTest.class.getResourceAsStream(OnnxBertWeights.BUNDLED_MINILM);
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            session = env.createSession(in.readAllBytes(), options);
        }
    }

    @AfterAll
    static void close() throws OrtException {
        session.close();
        tokenizer.close();
        manager.close();
    }

    @Test
    void fixedSentencesMatchOnnxRuntime() throws OrtException {
        List<String> sentences = List.of(
                "changing vehicle tire",
                "The Quick brown fox, beekeeping! A dog show in the park.",
                "flash mob gathering");
        double diff = maxDifference(batch(sentences), false);
        System.out.printf("parity fixed sentences (all-ones mask): max |diff| = %.3g%n", diff);
        assertTrue(diff < TOLERANCE, "max |diff| " + diff);
    }

    @Test
    void paddingMaskedOutMatchesOnnxRuntime() throws OrtException {
        double diff = maxDifference(batch(List.of("a parade", "grooming an animal at home with a brush")), true);
        System.out.printf("parity with padding mask: max |diff| = %.3g%n", diff);
        assertTrue(diff < TOLERANCE, "max |diff| " + diff);
    }

    @Test
    void ytvtTitlesMatchOnnxRuntime() throws IOException, OrtException {
        Path info = SharedData.require("ytvt/info_preprocessed.json");
        JsonNode root = new ObjectMapper().readTree(info.toFile());
        List<String> texts = new ArrayList<>();
        Iterator<JsonNode> it = root.elements();
        while (texts.size() < 4 && it.hasNext()) {
            JsonNode v = it.next();
            texts.add(v.get("category").asText() + " [SEP] " + v.get("query").asText() + " [SEP] " + v.get("title").asText());
        }
        double diff = maxDifference(batch(texts), false);
        System.out.printf("parity YTVT texts: max |diff| = %.3g%n", diff);
        assertTrue(diff < TOLERANCE, "max |diff| " + diff);
    }

    /** [CLS] text [SEP], [PAD]-padded to the longest; mask 1 on real tokens. */
    private static long[][][] batch(List<String> texts) {
        List<long[]> rows = new ArrayList<>();
        int longest = 0;
        for (String t : texts) {
            long[] pieces = tokenizer.encode(t);
            long[] row = new long[pieces.length + 2];
            row[0] = tokenizer.clsId();
            System.arraycopy(pieces, 0, row, 1, pieces.length);
            row[row.length - 1] = tokenizer.sepId();
            rows.add(row);
            longest = Math.max(longest, row.length);
        }
        long[][] ids = new long[rows.size()][longest];
        long[][] mask = new long[rows.size()][longest];
        for (int b = 0; b < rows.size(); b++) {
            System.arraycopy(rows.get(b), 0, ids[b], 0, rows.get(b).length);
            for (int t = 0; t < rows.get(b).length; t++) {
                mask[b][t] = 1;
            }
        }
        return new long[][][] {ids, mask};
    }

    private static double maxDifference(long[][][] idsAndMask, boolean useMask) throws OrtException {
        long[][] ids = idsAndMask[0];
        long[][] mask = useMask ? idsAndMask[1] : ones(ids);
        float[][][] expected;
        try (OnnxTensor i = OnnxTensor.createTensor(env, ids);
                OnnxTensor m = OnnxTensor.createTensor(env, mask);
                OnnxTensor t = OnnxTensor.createTensor(env, new long[ids.length][ids[0].length]);
                OrtSession.Result r = session.run(Map.of("input_ids", i, "attention_mask", m, "token_type_ids", t))) {
            expected = (float[][][]) r.get("last_hidden_state").orElseThrow().getValue();
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray idArray = scope.create(ids);
            NDList in = useMask ? new NDList(idArray, scope.create(mask)) : new NDList(idArray);
            NDList out = encoder.forward(new ParameterStore(scope, false), in, false);
            NDArray sequence = out.get(0);
            assertEquals(3, sequence.getShape().dimension());
            float[] actual = sequence.toFloatArray();
            int h = (int) sequence.getShape().get(2);
            double max = 0;
            for (int b = 0; b < ids.length; b++) {
                for (int t = 0; t < ids[0].length; t++) {
                    for (int c = 0; c < h; c++) {
                        float a = actual[(b * ids[0].length + t) * h + c];
                        max = Math.max(max, Math.abs(a - expected[b][t][c]));
                    }
                }
            }
            return max;
        }
    }

    private static long[][] ones(long[][] ids) {
        long[][] m = new long[ids.length][ids[0].length];
        for (long[] row : m) {
            java.util.Arrays.fill(row, 1);
        }
        return m;
    }
}
