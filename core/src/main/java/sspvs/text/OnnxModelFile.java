package sspvs.text;

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
 * The parts of an ONNX model file that weight loading needs: the graph's initialisers (named
 * tensors) and its nodes (name, operator, inputs), parsed straight from the protobuf.
 *
 * <p>Field numbers follow {@code onnx.proto}: ModelProto.graph = 7; GraphProto.node = 1,
 * initializer = 5; NodeProto.input = 1, name = 3, op_type = 4; TensorProto.dims = 1,
 * data_type = 2, float_data = 4, name = 8, raw_data = 9, data_location = 14.
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
    public record Node(String name, String opType, List<String> inputs) {}

    private final List<Tensor> initializers;
    private final List<Node> nodes;

    private OnnxModelFile(List<Tensor> initializers, List<Node> nodes) {
        this.initializers = Collections.unmodifiableList(initializers);
        this.nodes = Collections.unmodifiableList(nodes);
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
            return parse(ByteBuffer.wrap(Files.readAllBytes(file)), file.toString());
        } catch (IOException e) {
            throw new UserException("cannot read ONNX model " + file + ": " + e.getMessage());
        }
    }

    /** Reads an ONNX model from a stream (e.g. a class-path resource); {@code source} names it in errors. */
    public static OnnxModelFile read(InputStream in, String source) throws IOException {
        return parse(ByteBuffer.wrap(in.readAllBytes()), source);
    }

    static OnnxModelFile parse(ByteBuffer bytes, String source) {
        try {
            List<Tensor> initializers = new ArrayList<>();
            List<Node> nodes = new ArrayList<>();
            boolean sawGraph = false;
            ProtobufReader model = new ProtobufReader(bytes);
            while (model.next()) {
                if (model.fieldNumber() == 7 && model.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                    sawGraph = true;
                    readGraph(model.readMessage(), initializers, nodes, source);
                } else {
                    model.skip();
                }
            }
            if (!sawGraph) {
                throw new UserException("ONNX model " + source + " has no graph (not an ONNX file?)");
            }
            return new OnnxModelFile(initializers, nodes);
        } catch (RuntimeException e) {
            if (e instanceof UserException) {
                throw e;
            }
            throw new UserException("ONNX model " + source + " is malformed: " + e.getMessage());
        }
    }

    private static void readGraph(ProtobufReader graph, List<Tensor> initializers, List<Node> nodes, String source) {
        while (graph.next()) {
            switch (graph.fieldNumber()) {
                case 1 -> nodes.add(readNode(graph.readMessage()));
                case 5 -> initializers.add(readTensor(graph.readMessage(), source));
                default -> graph.skip();
            }
        }
    }

    private static Node readNode(ProtobufReader node) {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        while (node.next()) {
            switch (node.fieldNumber()) {
                case 1 -> inputs.add(node.readString());
                case 3 -> name = node.readString();
                case 4 -> opType = node.readString();
                default -> node.skip();
            }
        }
        return new Node(name, opType, List.copyOf(inputs));
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
