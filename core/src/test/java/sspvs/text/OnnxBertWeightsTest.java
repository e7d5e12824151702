package sspvs.text;

import sspvs.onnx.OnnxModelFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class OnnxBertWeightsTest {
    private static OnnxModelFile model;
    private static OnnxBertWeights weights;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = OnnxBertWeightsTest.class.getResourceAsStream(OnnxBertWeights.BUNDLED_MINILM)) {
            model = OnnxModelFile.read(in, "test");
        }
        weights = OnnxBertWeights.fromModel(model, "test");
    }

    @Test
    void everyEncoderParameterExceptThePoolerIsInTheFile() {
        Map<String, Shape> expected = new LinkedHashMap<>(new BertTextEncoder(BertConfig.miniLmL6()).parameterShapes());
        expected.remove("bert_pooler.dense.weight");
        expected.remove("bert_pooler.dense.bias");
        assertEquals(expected, weights.shapes(), "names and torch shapes");
        assertEquals(List.of(), weights.unmapped());
        weights.values().forEach((name, v) -> assertEquals(weights.shapes().get(name).size(), v.length, name));
    }

    @Test
    void linearWeightsAreTransposedFromTheMatMulLayout() {
        String node = "/encoder/layer.0/intermediate/dense/MatMul";
        String input = model.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow()
                .inputs().stream().filter(i -> i.startsWith("onnx::MatMul")).findFirst().orElseThrow();
        OnnxModelFile.Tensor raw = model.initializers().stream().filter(t -> t.name().equals(input))
                .findFirst().orElseThrow();
        assertArrayEquals(new long[] {384, 1536}, raw.dims(), "ONNX stores [in, out]");
        float[] torch = weights.values().get("bert_encoder.layer.0.intermediate.dense.weight");
        assertEquals(new Shape(1536, 384), weights.shapes().get("bert_encoder.layer.0.intermediate.dense.weight"));
        for (int[] rc : new int[][] {{0, 0}, {0, 1}, {5, 7}, {383, 1535}, {100, 1000}}) {
            int in = rc[0];
            int out = rc[1];
            assertEquals(raw.values()[in * 1536 + out], torch[out * 384 + in], 0f, "[" + out + "," + in + "]");
        }
    }

    @Test
    void namedInitialisersKeepTheirValues() {
        OnnxModelFile.Tensor ln = model.initializers().stream()
                .filter(t -> t.name().equals("encoder.layer.3.output.LayerNorm.weight")).findFirst().orElseThrow();
        assertArrayEquals(ln.values(), weights.values().get("bert_encoder.layer.3.output.LayerNorm.weight"));
        assertNull(weights.values().get("bert_embeddings.position_ids"), "int64 buffer skipped");
    }

    @Test
    void matMulNodeNamesGiveModulePaths() {
        assertEquals("encoder.layer.0.attention.self.query",
                OnnxBertWeights.modulePathOfMatMul("/encoder/layer.0/attention/self/query/MatMul"));
        assertNull(OnnxBertWeights.modulePathOfMatMul("/classifier/MatMul"));
    }

    @Test
    void aFileThatIsNotOnnxIsAUserError(@TempDir Path dir) throws IOException {
        Path bogus = dir.resolve("bogus.onnx");
        Files.writeString(bogus, "not a model");
        UserException e = assertThrows(UserException.class, () -> OnnxBertWeights.load(bogus));
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
    }
}
