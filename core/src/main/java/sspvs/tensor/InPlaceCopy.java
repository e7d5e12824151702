package sspvs.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes values into an existing tensor, keeping the tensor (and so every parameter or optimiser slot that holds
 * it) and its learning flag.
 *
 * <p>Not {@code NDArray.set(Buffer)}: DJL's PyTorch engine implements it under libtorch's deprecated
 * {@code AutoNonVariableTypeMode}, which prints a long deprecation warning on the first load of every run. An
 * indexed copy of the whole tensor ({@code index_put_}) does the same work; autograd forbids it on a leaf that
 * learns, so the flag is lowered for the copy and raised again.
 */
public final class InPlaceCopy {
    private static final NDIndex ALL = new NDIndex("...");

    private InPlaceCopy() {}

    /** Copies {@code values} (row-major, as many as the tensor holds) into {@code target}. */
    public static void into(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException("tensor " + target.getShape() + " holds " + target.size()
                    + " values, got " + values.length);
        }
        boolean learns = target.hasGradient();
        if (learns) {
            target.setRequiresGradient(false);
        }
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            target.set(ALL, source);
        }
        if (learns) {
            target.setRequiresGradient(true);
        }
    }
}
