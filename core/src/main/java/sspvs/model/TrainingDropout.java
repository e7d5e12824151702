package sspvs.model;

import ai.djl.ndarray.NDArray;
import sspvs.tensor.Scalars;

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
        // x · mask, then · 1/keep in place: autograd saves the boolean mask (1 byte a value, not a 4-byte scale), and
        // the draws are freed at once; the values are bit for bit those of x · (mask / keep)
        try (NDArray draws = x.getManager().randomUniform(0f, 1f, x.getShape());
                NDArray kept = draws.lt(keep)) {
            return Scalars.muli(x.mul(kept), 1f / keep);
        }
    }
}
