package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * The standard sinusoidal table (Vaswani et al.): row p, column 2i = sin(p·f_i), column 2i+1 = cos(p·f_i),
 * f_i = exp(2i·(−ln 10000 / d)), for p below {@link SummarizerSpec#MAX_LENGTH}. Computed with the engine's float32
 * kernels in torch's order of operations, so the rows equal the table the reference builds.
 *
 * <p>The table is not a parameter; torch's state_dict nevertheless stores it as {@code pos_encoder.pe} with shape
 * [5000, 1, d] — {@link #stateDictBuffer()} gives it in that form for writers that want torch's exact key set.
 */
public final class PositionalEncoding {
    private final int d;
    private final float weight;
    private final float[] scaled; // table × weight, [MAX_LENGTH, d]
    private final float[] table;

    public PositionalEncoding(NDManager manager, int d, float weight) {
        this.d = d;
        this.weight = weight;
        this.table = sinusoidTable(manager, d, SummarizerSpec.MAX_LENGTH);
        this.scaled = new float[table.length];
        for (int i = 0; i < table.length; i++) {
            scaled[i] = table[i] * weight;
        }
    }

    /**
     * The raw table [rows, d], row-major, computed with the engine's own float32 kernels in torch's order of
     * operations (scalar factor, exp, product, sin/cos), so it is the table the reference builds in torch. (A Java
     * {@code Math.exp} differs from vectorised float32 exp by an ulp on some columns, which far positions amplify
     * to ~1e-4.)
     */
    public static float[] sinusoidTable(NDManager manager, int d, int rows) {
        try (NDManager scratch = manager.newSubManager()) {
            float factor = (float) (-Math.log(10000.0) / d);
            NDArray frequencies = scratch.arange(0f, (float) d, 2f).mul(factor).exp(); // [d/2]
            NDArray angles = scratch.arange(0f, (float) rows, 1f).reshape(rows, 1).mul(frequencies); // [rows, d/2]
            // interleave: column 2i = sin, 2i+1 = cos
            return NDArrays.stack(new NDList(angles.sin(), angles.cos()), 2).reshape(rows, d).toFloatArray();
        }
    }

    /** x [B, L, d] + weight·table[0:L], broadcast over the batch; the result belongs to x's manager. */
    NDArray addTo(NDArray x) {
        int length = Math.toIntExact(x.getShape().get(1));
        if (length > SummarizerSpec.MAX_LENGTH) {
            throw new IllegalArgumentException("sequence of " + length + " steps (class token included) exceeds the "
                    + "positional table's " + SummarizerSpec.MAX_LENGTH + " rows");
        }
        NDArray rows = x.getManager().create(FloatBuffer.wrap(scaled, 0, length * d), new Shape(length, d));
        return x.add(rows);
    }

    /** torch's {@code pos_encoder.pe} buffer: the unscaled table as [5000, 1, d]. */
    public ParameterTensor stateDictBuffer() {
        return new ParameterTensor(new long[] {SummarizerSpec.MAX_LENGTH, 1, d}, table.clone());
    }

    public float weight() {
        return weight;
    }
}
