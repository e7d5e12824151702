package sspvs.onnx;

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

    /** The bytes are not a well-formed protobuf message (truncated, or a length or tag out of range). */
    static final class MalformedException extends RuntimeException {
        MalformedException(String message) {
            super(message);
        }
    }

    private final ByteBuffer buf;
    private int tag;
    private int fieldStart;

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
        fieldStart = buf.position();
        tag = (int) readVarint();
        if (fieldNumber() == 0) {
            throw new MalformedException("malformed protobuf: field number 0 at byte " + buf.position());
        }
        return true;
    }

    /** Where the current field's tag starts, in bytes from the start of this message. */
    int fieldStart() {
        return fieldStart;
    }

    /** Where reading stands, in bytes from the start of this message (after a field: where it ends). */
    int position() {
        return buf.position();
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
            if (!buf.hasRemaining()) {
                throw new MalformedException("malformed protobuf: truncated varint at byte " + buf.position());
            }
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedException("malformed protobuf: varint longer than 10 bytes");
    }

    /** The payload of a length-delimited field, as a little-endian view. */
    ByteBuffer readBytes() {
        long declared = readVarint();
        if (declared < 0 || declared > buf.remaining()) {
            throw new MalformedException("malformed protobuf: a field of " + declared + " bytes at byte "
                    + buf.position() + ", where " + buf.remaining() + " remain");
        }
        int length = (int) declared;
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
            case FIXED64 -> skipBytes(8);
            case LENGTH_DELIMITED -> readBytes();
            case FIXED32 -> skipBytes(4);
            default -> throw new MalformedException(
                    "unsupported protobuf wire type " + wireType() + " (field " + fieldNumber() + ")");
        }
    }

    private void skipBytes(int n) {
        if (buf.remaining() < n) {
            throw new MalformedException("malformed protobuf: truncated at byte " + buf.position());
        }
        buf.position(buf.position() + n);
    }
}
