package sspvs.model.io;

import java.util.Arrays;

/**
 * One tensor of a checkpoint as a dense, row-major (C-order) float array.
 *
 * <p>Whatever the stored type (float16, bfloat16, float64, int64, ...), {@link #data()} holds the values as
 * float; {@link #dtype()} keeps the torch name of the stored type ({@code "float32"}, {@code "float16"},
 * {@code "int64"}, ...) so callers can tell a converted value from an original one. Views (strides, storage
 * offsets) are already resolved: the data is contiguous and has exactly {@code prod(shape)} elements.
 *
 * @param shape the sizes of each dimension (empty for a 0-d scalar tensor)
 * <p>{@link #data()} returns the array itself, not a copy (weights can be hundreds of MB): treat it as read-only.
 *
 * @param data the values in row-major order
 * @param dtype the torch dtype name of the stored values
 */
public record TorchTensor(long[] shape, float[] data, String dtype) {

    /** A float32 tensor (the type our writer stores). */
    public TorchTensor(long[] shape, float[] data) {
        this(shape, data, "float32");
    }

    public TorchTensor {
        shape = shape.clone();
        if (numel(shape) != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + numel(shape) + " values, got " + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, {@code prod(shape)}. */
    public int numel() {
        return data.length;
    }

    /** The shape written like torch prints it, e.g. {@code [24, 8]}. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorchTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data)
                && dtype.equals(t.dtype);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(data)) + dtype.hashCode();
    }

    @Override
    public String toString() {
        return "TorchTensor" + shapeString() + " " + dtype;
    }
}
