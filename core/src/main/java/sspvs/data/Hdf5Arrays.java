package sspvs.data;

import io.jhdf.api.Dataset;
import java.lang.reflect.Array;

/**
 * Converts what jhdf returns for a numeric dataset (any primitive element type, any rank) into the
 * float/int arrays our records use. The public eccv16 files store the same field as float64 in one file and
 * float32 or int in another, so readers go through here instead of casting.
 */
final class Hdf5Arrays {
    private Hdf5Arrays() {}

    /** A dataset flattened to doubles, with its shape; {@code dims} is empty for a scalar. */
    record Flat(double[] values, int[] dims) {
        int rank() {
            return dims.length;
        }
    }

    /** Reads any numeric dataset; throws {@link IllegalArgumentException} naming the stored type otherwise. */
    static Flat read(Dataset dataset) {
        int[] dims = dataset.isScalar() ? new int[0] : dataset.getDimensions();
        for (int d : dims) {
            if (d == 0) { // e.g. a [0, n] user_summary: no values to read (jhdf returns no array for it)
                return new Flat(new double[0], dims);
            }
        }
        Object data = dataset.getDataFlat();
        return new Flat(toDoubles(data), dims);
    }

    static double[] toDoubles(Object data) {
        if (data instanceof double[] d) {
            return d;
        }
        if (data != null && data.getClass().isArray() && data.getClass().getComponentType().isPrimitive()) {
            int n = Array.getLength(data);
            double[] out = new double[n];
            if (data instanceof float[] f) {
                for (int i = 0; i < n; i++) out[i] = f[i];
            } else if (data instanceof int[] v) {
                for (int i = 0; i < n; i++) out[i] = v[i];
            } else if (data instanceof long[] v) {
                for (int i = 0; i < n; i++) out[i] = v[i];
            } else if (data instanceof short[] v) {
                for (int i = 0; i < n; i++) out[i] = v[i];
            } else if (data instanceof byte[] v) {
                for (int i = 0; i < n; i++) out[i] = v[i];
            } else if (data instanceof boolean[] v) {
                for (int i = 0; i < n; i++) out[i] = v[i] ? 1 : 0;
            } else {
                throw new IllegalArgumentException("unsupported element type " + data.getClass().getComponentType());
            }
            return out;
        }
        if (data instanceof Number[] boxed) { // scalars of unsigned types come back boxed in some versions
            double[] out = new double[boxed.length];
            for (int i = 0; i < boxed.length; i++) out[i] = boxed[i].doubleValue();
            return out;
        }
        throw new IllegalArgumentException("not numeric (stored as "
                + (data == null ? "nothing" : data.getClass().getSimpleName()) + ")");
    }
}
