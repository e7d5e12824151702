package sspvs.text;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of the protobuf wire format, enough to walk an ONNX model: varints, fixed
 * 32/64-bit fields and length-delimited fields (sub-messages, strings, bytes, packed arrays).
 *
 * <p>Why not a protobuf library: ONNX Runtime's Java API does not expose a model's initialisers, and
 * pulling in protobuf-java plus generated ONNX classes for a few dozen fields is not worth it. The
 * reader works on a {@link ByteBuffer} slice, so sub-messages are views, never copies.
 */
final class ProtobufReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private int tag;

    ProtobufReader(ByteBuffer buffer) {
        this.buf = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    boolean hasRemaining() {
        return buf.hasRemaining();
    }

    /** Advances to the next field; false at the end of this message. */
    boolean next() {
        if (!buf.hasRemaining()) {
            return false;
        }
        tag = (int) readVarint();
        if (fieldNumber() == 0) {
            throw new IllegalStateException("malformed protobuf: field number 0 at byte " + buf.position());
        }
        return true;
    }

    int fieldNumber() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long readVarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("malformed protobuf: varint longer than 10 bytes");
    }

    /** The payload of a length-delimited field, as a little-endian view. */
    ByteBuffer readBytes() {
        int length = Math.toIntExact(readVarint());
        ByteBuffer view = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        view.limit(length);
        buf.position(buf.position() + length);
        return view;
    }

    ProtobufReader readMessage() {
        return new ProtobufReader(readBytes());
    }

    String readString() {
        ByteBuffer bytes = readBytes();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return new String(array, StandardCharsets.UTF_8);
    }

    /** Skips the current field's payload, whatever its wire type. */
    void skip() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case FIXED64 -> buf.position(buf.position() + 8);
            case LENGTH_DELIMITED -> readBytes();
            case FIXED32 -> buf.position(buf.position() + 4);
            default -> throw new IllegalStateException(
                    "unsupported protobuf wire type " + wireType() + " (field " + fieldNumber() + ")");
        }
    }
}
