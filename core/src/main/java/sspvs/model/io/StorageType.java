package sspvs.model.io;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The element types of torch storages, named as pickles name their storage classes ({@code torch.HalfStorage})
 * and decoded to float. Conversions are exact except float64 and 64/32-bit integers, which round to the nearest
 * float.
 */
enum StorageType {
    FLOAT("FloatStorage", "float32", 4),
    DOUBLE("DoubleStorage", "float64", 8),
    HALF("HalfStorage", "float16", 2),
    BFLOAT16("BFloat16Storage", "bfloat16", 2),
    LONG("LongStorage", "int64", 8),
    INT("IntStorage", "int32", 4),
    SHORT("ShortStorage", "int16", 2),
    CHAR("CharStorage", "int8", 1),
    BYTE("ByteStorage", "uint8", 1),
    BOOL("BoolStorage", "bool", 1);

    final String className;
    final String dtype;
    final int elementSize;

    StorageType(String className, String dtype, int elementSize) {
        this.className = className;
        this.dtype = dtype;
        this.elementSize = elementSize;
    }

    /** The type for a storage class name such as {@code FloatStorage}, or null when we cannot decode it. */
    static StorageType ofClassName(String name) {
        for (StorageType t : values()) {
            if (t.className.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Decodes {@code count} elements starting at element {@code first} of the buffer (byte order already set). */
    float[] decode(ByteBuffer buf, int first, int count) {
        float[] out = new float[count];
        int base = first * elementSize;
        switch (this) {
            case FLOAT -> buf.slice(base, count * 4).order(buf.order()).asFloatBuffer().get(out);
            case DOUBLE -> {
                for (int i = 0; i < count; i++) out[i] = (float) buf.getDouble(base + 8 * i);
            }
            case HALF -> {
                for (int i = 0; i < count; i++) out[i] = halfToFloat(buf.getShort(base + 2 * i));
            }
            case BFLOAT16 -> {
                for (int i = 0; i < count; i++) out[i] = Float.intBitsToFloat((buf.getShort(base + 2 * i) & 0xffff) << 16);
            }
            case LONG -> {
                for (int i = 0; i < count; i++) out[i] = (float) buf.getLong(base + 8 * i);
            }
            case INT -> {
                for (int i = 0; i < count; i++) out[i] = (float) buf.getInt(base + 4 * i);
            }
            case SHORT -> {
                for (int i = 0; i < count; i++) out[i] = buf.getShort(base + 2 * i);
            }
            case CHAR -> {
                for (int i = 0; i < count; i++) out[i] = buf.get(base + i);
            }
            case BYTE -> {
                for (int i = 0; i < count; i++) out[i] = buf.get(base + i) & 0xff;
            }
            case BOOL -> {
                for (int i = 0; i < count; i++) out[i] = buf.get(base + i) != 0 ? 1f : 0f;
            }
            default -> throw new AssertionError(this);
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) { // inf or NaN
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal: value = mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return dtype.toLowerCase(Locale.ROOT);
    }
}
