package sspvs.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic between a tensor and a constant, safe where autograd records it (every forward pass that trains).
 *
 * <p>Why not DJL's {@code x.div(4f)}: its PyTorch engine makes the constant a 0-d tensor over a Java direct buffer
 * (not a copy: {@code from_blob}) and closes it as soon as the operation returns. Autograd saves that tensor for the
 * backward pass ({@code div}, {@code mul}, {@code maximum} need their other operand), but its memory is Java's: once
 * the garbage collector has freed the buffer, backward reads whatever the allocator put there since. Gradients then
 * depend on when the collector ran — different from run to run under one seed, and now and then NaN
 * ({@code ScalarsTest} shows DJL's op giving -3.8e-32 for 0.25). Here the constant is made by libtorch
 * ({@code torch.full}), so autograd's reference keeps it alive however soon the handle is closed.
 *
 * <p>Rule: in code that runs under a {@code GradientCollector} ({@code model}, {@code text}, {@code train}'s losses)
 * combine a learning tensor with a constant only through these methods. The optimiser's updates and anything built
 * with gradients off may use DJL's own scalar operations.
 */
public final class Scalars {
    private Scalars() {}

    /** x · c, a new tensor in x's manager. */
    public static NDArray mul(NDArray x, float c) {
        try (NDArray constant = constant(x, c)) {
            return x.mul(constant);
        }
    }

    /** x · c in place (x is returned). */
    public static NDArray muli(NDArray x, float c) {
        try (NDArray constant = constant(x, c)) {
            return x.muli(constant);
        }
    }

    /** x / c, a new tensor in x's manager. */
    public static NDArray div(NDArray x, float c) {
        try (NDArray constant = constant(x, c)) {
            return x.div(constant);
        }
    }

    /** max(x, c) element by element, a new tensor in x's manager. */
    public static NDArray maximum(NDArray x, float c) {
        try (NDArray constant = constant(x, c)) {
            return x.maximum(constant);
        }
    }

    /** A 0-d tensor of x's type holding {@code value}, its memory libtorch's own. */
    private static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
