package sspvs.video;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few protobuf operations on an ONNX file ({@code ModelProto}) that feature extraction needs, written
 * against the wire format so no protobuf library is required: list the tensors the graph's nodes produce,
 * and declare one of them an extra graph output.
 *
 * <p>ONNX Runtime returns only graph outputs, and classification models end in class scores; features such as
 * GoogLeNet's {@code pool5/7x7_s1_2} are intermediate tensors. Appending a {@code ValueInfoProto} (name and
 * element type float) to {@code GraphProto.output} exposes one; protobuf lets a repeated field be extended by
 * appending, so the rest of the file is copied unchanged.
 */
final class OnnxModelBytes {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_OUTPUT = 2;

    private OnnxModelBytes() {}

    /** Names of all tensors produced by the graph's nodes, in node order. */
    static List<String> nodeOutputs(byte[] model) {
        List<String> names = new ArrayList<>();
        for (Field g : fields(model, 0, model.length)) {
            if (g.number == MODEL_GRAPH && g.wireType == 2) {
                for (Field node : fields(model, g.start, g.end)) {
                    if (node.number == GRAPH_NODE && node.wireType == 2) {
                        for (Field f : fields(model, node.start, node.end)) {
                            if (f.number == NODE_OUTPUT && f.wireType == 2) {
                                names.add(new String(model, f.start, f.end - f.start, StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    /** Names of the graph's declared outputs. */
    static List<String> graphOutputs(byte[] model) {
        List<String> names = new ArrayList<>();
        for (Field g : fields(model, 0, model.length)) {
            if (g.number == MODEL_GRAPH && g.wireType == 2) {
                for (Field out : fields(model, g.start, g.end)) {
                    if (out.number == GRAPH_OUTPUT && out.wireType == 2) {
                        for (Field f : fields(model, out.start, out.end)) {
                            if (f.number == 1 && f.wireType == 2) {
                                names.add(new String(model, f.start, f.end - f.start, StandardCharsets.UTF_8));
                            }
                        }
                    }
                }
            }
        }
        return names;
    }

    /** The model with {@code tensor} (a float tensor some node produces) added to the graph's outputs. */
    static byte[] withExtraOutput(byte[] model, String tensor) {
        byte[] tensorType = concat(tag(1, 0), varint(1));                 // TypeProto.Tensor.elem_type = FLOAT
        byte[] type = lengthDelimited(1, tensorType);                       // TypeProto.tensor_type
        byte[] valueInfo = concat(lengthDelimited(1, tensor.getBytes(StandardCharsets.UTF_8)),
                lengthDelimited(2, type));                                  // ValueInfoProto{name, type}
        byte[] extra = lengthDelimited(GRAPH_OUTPUT, valueInfo);
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + extra.length + 8);
        boolean done = false;
        for (Field f : fields(model, 0, model.length)) {
            if (!done && f.number == MODEL_GRAPH && f.wireType == 2) {
                byte[] graph = new byte[f.end - f.start + extra.length];
                System.arraycopy(model, f.start, graph, 0, f.end - f.start);
                System.arraycopy(extra, 0, graph, f.end - f.start, extra.length);
                out.writeBytes(lengthDelimited(MODEL_GRAPH, graph));
                done = true;
            } else {
                out.write(model, f.tagStart, f.end - f.tagStart);
            }
        }
        if (!done) {
            throw new IllegalArgumentException("not an ONNX model: no graph found");
        }
        return out.toByteArray();
    }

    /** One field: its number, wire type, where its tag starts and where its payload starts and ends. */
    private record Field(int number, int wireType, int tagStart, int start, int end) {}

    private static List<Field> fields(byte[] b, int from, int to) {
        List<Field> fields = new ArrayList<>();
        int[] pos = {from};
        while (pos[0] < to) {
            int tagStart = pos[0];
            long tag = readVarint(b, pos, to);
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            int start;
            int end;
            switch (wire) {
                case 0 -> {
                    start = pos[0];
                    readVarint(b, pos, to);
                    end = pos[0];
                }
                case 1 -> {
                    start = pos[0];
                    end = start + 8;
                }
                case 2 -> {
                    long len = readVarint(b, pos, to);
                    start = pos[0];
                    if (len < 0 || start + len > to) {
                        throw new IllegalArgumentException("not an ONNX model: field " + number
                                + " runs past its message");
                    }
                    end = (int) (start + len);
                }
                case 5 -> {
                    start = pos[0];
                    end = start + 4;
                }
                default -> throw new IllegalArgumentException("not an ONNX model: wire type " + wire);
            }
            if (end > to || number == 0) {
                throw new IllegalArgumentException("not an ONNX model: truncated or malformed protobuf");
            }
            fields.add(new Field(number, wire, tagStart, start, end));
            pos[0] = end;
        }
        return fields;
    }

    private static long readVarint(byte[] b, int[] pos, int to) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= to) {
                throw new IllegalArgumentException("not an ONNX model: truncated varint");
            }
            byte x = b[pos[0]++];
            value |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("not an ONNX model: varint too long");
    }

    private static byte[] tag(int number, int wireType) {
        return varint(((long) number << 3) | wireType);
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10);
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] lengthDelimited(int number, byte[] payload) {
        return concat(tag(number, 2), varint(payload.length), payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
