package sspvs.model.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes the protocol-2 pickle of a torch checkpoint: a dict whose {@code state_dict} entry is a
 * {@code collections.OrderedDict} of tensors rebuilt by {@code torch._utils._rebuild_tensor_v2} from
 * {@code torch.FloatStorage} persistent ids, plus plain entries (str, int, float, bool, None, list, dict).
 * It uses only what {@code torch.load(weights_only=True)} accepts.
 */
final class Pickler {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Pickler() {
        out.write(0x80); // PROTO 2
        out.write(2);
    }

    byte[] finish() {
        out.write('.'); // STOP
        return out.toByteArray();
    }

    void emptyDict() {
        out.write('}');
    }

    void mark() {
        out.write('(');
    }

    void setItems() {
        out.write('u');
    }

    /** Pushes {@code collections.OrderedDict()}. */
    void orderedDict() {
        global("collections", "OrderedDict");
        out.write(')'); // EMPTY_TUPLE
        out.write('R'); // REDUCE
    }

    /**
     * Pushes a contiguous float32 tensor over storage {@code key}:
     * {@code _rebuild_tensor_v2(pid, 0, shape, strides, False, OrderedDict())}.
     */
    void floatTensor(String key, long[] shape) {
        global("torch._utils", "_rebuild_tensor_v2");
        mark();
        // persistent id ('storage', torch.FloatStorage, key, 'cpu', numel)
        mark();
        value("storage");
        global("torch", "FloatStorage");
        value(key);
        value("cpu");
        value(TorchTensor.numel(shape));
        out.write('t'); // TUPLE
        out.write('Q'); // BINPERSID
        value(0L); // storage offset
        longTuple(shape);
        longTuple(contiguousStrides(shape));
        value(false); // requires_grad
        orderedDict(); // backward hooks
        out.write('t');
        out.write('R');
    }

    static long[] contiguousStrides(long[] shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return stride;
    }

    private void longTuple(long[] values) {
        mark();
        for (long v : values) {
            value(v);
        }
        out.write('t');
    }

    private void global(String module, String name) {
        out.write('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Pushes a plain value: String, Number, Boolean, null, List or Map with String keys. */
    void value(Object v) {
        if (v == null) {
            out.write('N');
        } else if (v instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            integer(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            out.write('G'); // BINFLOAT, big-endian
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN)
                    .putDouble(((Number) v).doubleValue()).array());
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X'); // BINUNICODE
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
            out.writeBytes(b);
        } else if (v instanceof List<?> list) {
            out.write(']');
            if (!list.isEmpty()) {
                mark();
                list.forEach(this::value);
                out.write('e'); // APPENDS
            }
        } else if (v instanceof Map<?, ?> map) {
            emptyDict();
            if (!map.isEmpty()) {
                mark();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        throw new IllegalArgumentException("checkpoint dict keys must be strings: " + e.getKey());
                    }
                    value(e.getKey());
                    value(e.getValue());
                }
                setItems();
            }
        } else {
            throw new IllegalArgumentException("cannot store a " + v.getClass().getName()
                    + " in a checkpoint (use String, Number, Boolean, null, List or Map)");
        }
    }

    private void integer(long v) {
        if (v >= 0 && v < 256) {
            out.write('K'); // BININT1
            out.write((int) v);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J'); // BININT
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        } else {
            out.write(0x8a); // LONG1, 8 bytes two's complement little-endian
            out.write(8);
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
    }
}
