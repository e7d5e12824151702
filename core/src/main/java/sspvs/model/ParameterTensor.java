package sspvs.model;

import java.util.Arrays;

/**
 * One named weight as plain Java data: its torch shape and its values in row-major (C) order. This is the form
 * weights take at the seams (checkpoint files, parity fixtures), away from native memory.
 */
public record ParameterTensor(long[] shape, float[] data) {

    public ParameterTensor {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ParameterTensor" + Arrays.toString(shape);
    }
}
