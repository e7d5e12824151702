package sspvs.train;

import ai.djl.ndarray.NDArray;

/**
 * The reference's training loss: torch {@code MSELoss} (mean over every batch entry and step, NOT DJL's
 * {@code l2Loss}, which halves it) between the final scores and the sample's gtscore min-max normalised per sample
 * over the whole (cropped or zero-padded) window — the padding zeros take part in the min and max.
 *
 * <p>Constant window (all values equal, e.g. a window of padding only): the reference divides 0 by 0 and gets NaN,
 * which poisons the whole batch. We keep {@code gt − min} (all zeros) as the target instead, i.e. divide by 1.
 */
public final class ScoreLoss {
    private ScoreLoss() {}

    /** Per-row min-max normalisation of a [rows][steps] window, in float32 like torch's in-place ops. */
    public static float[][] normaliseTargets(float[][] gtscore) {
        float[][] out = new float[gtscore.length][];
        for (int r = 0; r < gtscore.length; r++) {
            float[] row = gtscore[r];
            float min = Float.POSITIVE_INFINITY;
            for (float v : row) {
                min = Math.min(min, v);
            }
            float[] shifted = new float[row.length];
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < row.length; i++) {
                shifted[i] = row[i] - min;
                max = Math.max(max, shifted[i]);
            }
            float divisor = max > 0f ? max : 1f; // constant window: see the class comment
            for (int i = 0; i < row.length; i++) {
                shifted[i] /= divisor;
            }
            out[r] = shifted;
        }
        return out;
    }

    /** mean((score − target)²) over all entries; both [B, T]; a scalar in score's manager. */
    public static NDArray mse(NDArray score, NDArray target) {
        if (!score.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("score " + score.getShape() + " vs target " + target.getShape());
        }
        return score.sub(target).square().mean();
    }
}
