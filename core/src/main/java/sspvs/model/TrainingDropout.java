package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Inverted dropout as torch's training-mode {@code F.dropout}: each value is kept with probability 1 − rate and
 * scaled by 1 / (1 − rate), else zeroed; gradients flow through the same mask.
 *
 * <p>Why not DJL's {@code Dropout.dropout}: it calls libtorch's {@code bernoulli_}, whose CPU kernel (off Intel's MKL
 * path, e.g. on AMD) draws a double — two Mersenne-Twister words — per value on one thread; in the full-size
 * training step that was the largest cost after the matrix products. Here the mask comes from one float uniform draw
 * per value ({@code u < 1 − rate}), which takes about half the time. Same distribution (to float precision), different
 * random stream: seeded runs repeat exactly, but their masks differ from those {@code bernoulli_} would have drawn.
 */
final class TrainingDropout {
    private TrainingDropout() {}

    /** x with dropout at {@code rate} applied, a new array in x's manager; x itself when rate is 0. */
    static NDArray apply(NDArray x, float rate) {
        if (rate <= 0f) {
            return x;
        }
        float keep = 1f - rate;
        // the draws and the boolean mask are freed at once (autograd keeps only the float scale): held until the
        // step's end they were ~1.3 GB of a paper-size training step
        try (NDArray draws = x.getManager().randomUniform(0f, 1f, x.getShape());
                NDArray kept = draws.lt(keep);
                NDArray scale = kept.toType(DataType.FLOAT32, false).divi(keep)) {
            return x.mul(scale);
        }
    }
}
