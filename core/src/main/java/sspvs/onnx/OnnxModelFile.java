package sspvs.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sspvs.UserException;

/**
 * The one reader of ONNX model files in sspvs (the text encoder's weights and the image feature model alike): the
 * graph's initialisers (named tensors), its nodes (name, operator, inputs, outputs) and its declared outputs,
 * parsed straight from the protobuf, and the one edit feature extraction needs, {@link #withExtraOutput}.
 *
 * <p>Field numbers follow {@code onnx.proto}: ModelProto.graph = 7; GraphProto.node = 1,
 * initializer = 5, output = 12; NodeProto.input = 1, output = 2, name = 3, op_type = 4; ValueInfoProto.name = 1,
 * type = 2; TensorProto.dims = 1, data_type = 2, float_data = 4, name = 8, raw_data = 9, data_location = 14.
 *
 * <p>Why no protobuf library: ONNX Runtime's Java API exposes neither initialisers nor intermediate tensors, and
 * protobuf-java plus generated ONNX classes for a few dozen fields is not worth it.
 */
public final class OnnxModelFile {
    /** ONNX TensorProto.DataType.FLOAT. */
    public static final int FLOAT = 1;

    /**
     * One initialiser. {@code values} holds the data for FLOAT tensors and is null for other types
     * (which weight loading never needs, e.g. the int64 {@code position_ids} buffer).
     */
    public record Tensor(String name, long[] dims, int dataType, float[] values) {}

    /** One graph node. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {}

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_OUTPUT = 12;

    private final List<Tensor> initializers;
    private final List<Node> nodes;
    private final List<String> graphOutputs;

    private OnnxModelFile(List<Tensor> initializers, List<Node> nodes, List<String> graphOutputs) {
        this.initializers = Collections.unmodifiableList(initializers);
        this.nodes = Collections.unmodifiableList(nodes);
        this.graphOutputs = Collections.unmodifiableList(graphOutputs);
    }

    /** Names of the graph's declared outputs (what ONNX Runtime returns), in order. */
    public List<String> graphOutputs() {
        return graphOutputs;
    }

    /** Names of all tensors the graph's nodes produce, in node order. */
    public List<String> nodeOutputs() {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            out.addAll(n.outputs());
        }
        return out;
    }

    public List<Tensor> initializers() {
        return initializers;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** Reads an ONNX file; a missing or malformed file is a {@link UserException} naming it. */
    public static OnnxModelFile read(Path file) {
        try {
            return parse(ByteBuffer.wrap(Files.readAllBytes(file)), file.toString(), true);
        } catch (IOException e) {
            throw new UserException("cannot read ONNX model " + file + ": " + e.getMessage());
        }
    }

    /** Reads an ONNX model from a stream (e.g. a class-path resource); {@code source} names it in errors. */
    public static OnnxModelFile read(InputStream in, String source) throws IOException {
        return parse(ByteBuffer.wrap(in.readAllBytes()), source, true);
    }

    /**
     * The graph's structure only (nodes and outputs; no initialiser is read): cheap for a large model whose weights
     * are not needed here.
     */
    public static OnnxModelFile structure(byte[] model, String source) {
        return parse(ByteBuffer.wrap(model), source, false);
    }

    static OnnxModelFile parse(ByteBuffer bytes, String source) {
        return parse(bytes, source, true);
    }

    private static OnnxModelFile parse(ByteBuffer bytes, String source, boolean withInitializers) {
        try {
            List<Tensor> initializers = new ArrayList<>();
            List<Node> nodes = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            boolean sawGraph = false;
            ProtobufReader model = new ProtobufReader(bytes);
            while (model.next()) {
                if (model.fieldNumber() == MODEL_GRAPH && model.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    sawGraph = true;
                    readGraph(model.readMessage(), withInitializers ? initializers : null, nodes, outputs, source);
                } else {
                    model.skip();
                }
            }
            if (!sawGraph) {
                throw new UserException("ONNX model " + source + " has no graph (not an ONNX file?)");
            }
            return new OnnxModelFile(initializers, nodes, outputs);
        } catch (ProtobufReader.MalformedException | java.nio.BufferUnderflowException e) {
            throw new UserException("ONNX model " + source + " is malformed: " + e.getMessage(), e);
        }
    }

    private static void readGraph(ProtobufReader graph, List<Tensor> initializersOrNull, List<Node> nodes,
            List<String> outputs, String source) {
        while (graph.next()) {
            if (graph.wireType() != ProtobufReader.LENGTH_DELIMITED) {
                graph.skip();
                continue;
            }
            switch (graph.fieldNumber()) {
                case GRAPH_NODE -> nodes.add(readNode(graph.readMessage()));
                case GRAPH_INITIALIZER -> {
                    if (initializersOrNull != null) {
                        initializersOrNull.add(readTensor(graph.readMessage(), source));
                    } else {
                        graph.skip();
                    }
                }
                case GRAPH_OUTPUT -> outputs.add(readValueInfoName(graph.readMessage()));
                default -> graph.skip();
            }
        }
    }

    private static String readValueInfoName(ProtobufReader valueInfo) {
        String name = "";
        while (valueInfo.next()) {
            if (valueInfo.fieldNumber() == 1 && valueInfo.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                name = valueInfo.readString();
            } else {
                valueInfo.skip();
            }
        }
        return name;
    }

    /**
     * The model with {@code tensor} (a float tensor some node produces) added to the graph's outputs. ONNX Runtime
     * returns only graph outputs, and classification models end in class scores; features such as GoogLeNet's
     * {@code pool5/7x7_s1_2} are intermediate tensors. Appending a {@code ValueInfoProto} (name and element type
     * float) to {@code GraphProto.output} exposes one; protobuf lets a repeated field be extended by appending, so
     * the rest of the file is copied unchanged.
     */
    public static byte[] withExtraOutput(byte[] model, String tensor) {
        byte[] tensorType = concat(tag(1, ProtobufReader.VARINT), varint(1)); // TypeProto.Tensor.elem_type = FLOAT
        byte[] type = lengthDelimited(1, tensorType);                         // TypeProto.tensor_type
        byte[] valueInfo = concat(lengthDelimited(1, tensor.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                lengthDelimited(2, type));                                    // ValueInfoProto{name, type}
        byte[] extra = lengthDelimited(GRAPH_OUTPUT, valueInfo);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(model.length + extra.length + 8);
        boolean done = false;
        try {
            ProtobufReader fields = new ProtobufReader(ByteBuffer.wrap(model));
            while (fields.next()) {
                int tagStart = fields.fieldStart();
                if (!done && fields.fieldNumber() == MODEL_GRAPH
                        && fields.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    ByteBuffer graph = fields.readBytes();
                    byte[] extended = new byte[graph.remaining() + extra.length];
                    graph.get(extended, 0, graph.remaining());
                    System.arraycopy(extra, 0, extended, extended.length - extra.length, extra.length);
                    out.writeBytes(lengthDelimited(MODEL_GRAPH, extended));
                    done = true;
                } else {
                    fields.skip();
                    out.write(model, tagStart, fields.position() - tagStart);
                }
            }
        } catch (ProtobufReader.MalformedException | java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("not an ONNX model: " + e.getMessage(), e);
        }
        if (!done) {
            throw new IllegalArgumentException("not an ONNX model: no graph found");
        }
        return out.toByteArray();
    }

    private static byte[] tag(int number, int wireType) {
        return varint(((long) number << 3) | wireType);
    }

    private static byte[] varint(long v) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(10);
        long x = v;
        while ((x & ~0x7FL) != 0) {
            out.write((int) ((x & 0x7F) | 0x80));
            x >>>= 7;
        }
        out.write((int) x);
        return out.toByteArray();
    }

    private static byte[] lengthDelimited(int number, byte[] payload) {
        return concat(tag(number, ProtobufReader.LENGTH_DELIMITED), varint(payload.length), payload);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static Node readNode(ProtobufReader node) {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (node.next()) {
            if (node.wireType() != ProtobufReader.LENGTH_DELIMITED) {
                node.skip();
                continue;
            }
            switch (node.fieldNumber()) {
                case 1 -> inputs.add(node.readString());
                case 2 -> outputs.add(node.readString());
                case 3 -> name = node.readString();
                case 4 -> opType = node.readString();
                default -> node.skip();
            }
        }
        return new Node(name, opType, List.copyOf(inputs), List.copyOf(outputs));
    }

    private static Tensor readTensor(ProtobufReader tensor, String source) {
        String name = "";
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        ByteBuffer raw = null;
        FloatBuffer floatData = null;
        boolean external = false;
        while (tensor.next()) {
            switch (tensor.fieldNumber()) {
                case 1 -> {
                    if (tensor.wireType() == ProtobufReader.LENGTH_DELIMITED) { // packed
                        ProtobufReader packed = new ProtobufReader(tensor.readBytes());
                        while (packed.hasRemaining()) {
                            dims.add(packed.readVarint());
                        }
                    } else {
                        dims.add(tensor.readVarint());
                    }
                }
                case 2 -> dataType = (int) tensor.readVarint();
                case 4 -> {
                    if (tensor.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        floatData = tensor.readBytes().asFloatBuffer();
                    } else {
                        tensor.skip(); // unpacked float_data never occurs in exported models
                    }
                }
                case 8 -> name = tensor.readString();
                case 9 -> raw = tensor.readBytes();
                case 14 -> external = tensor.readVarint() == 1;
                default -> tensor.skip();
            }
        }
        if (external) {
            throw new UserException("ONNX model " + source + ": initialiser " + name
                    + " keeps its data in an external file, which is not supported");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        float[] values = null;
        if (dataType == FLOAT) {
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            values = new float[Math.toIntExact(count)];
            FloatBuffer src = raw != null ? raw.asFloatBuffer() : floatData;
            if (src == null || src.remaining() != values.length) {
                throw new UserException("ONNX model " + source + ": initialiser " + name + " holds "
                        + (src == null ? 0 : src.remaining()) + " floats, its shape needs " + values.length);
            }
            src.get(values);
        }
        return new Tensor(name, shape, dataType, values);
    }
}
