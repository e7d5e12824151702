package sspvs.eval;

/**
 * Step scores to frame scores, and frame scores to shot scores: the first two steps of the evaluation chain.
 *
 * <p>The model scores one feature step per entry of {@code picks} (eccv16 features are sampled every 15 frames).
 * {@link #upsample} spreads each step's score over the frames up to the next pick; {@link #shotMeans} then averages
 * frames over each shot. Both work in {@code float}, as the reference does, because the knapsack later truncates
 * shot scores ×1000 to integers and a one-ulp difference can move a value across an integer boundary.
 */
public final class FrameScores {
    private FrameScores() {}

    /**
     * Frame-level scores of length {@code nFrames}: score {@code i} covers frames {@code [picks[i], picks[i+1])},
     * the last score runs to the end. Frames before {@code picks[0]} get 0, and so do the frames of a pick that
     * has no step score ({@code stepScores} shorter than {@code picks}; the reference zero-fills one missing step
     * and fails on more, we zero-fill all); extra step scores are ignored. Picks at or beyond {@code nFrames} cover
     * nothing.
     *
     * @throws IllegalArgumentException if {@code picks} is not ascending or is negative
     */
    public static float[] upsample(float[] stepScores, int[] picks, int nFrames) {
        float[] frames = new float[nFrames];
        for (int i = 0; i < picks.length; i++) {
            int from = picks[i];
            if (from < 0 || (i > 0 && from < picks[i - 1])) {
                throw new IllegalArgumentException("picks must be ascending and non-negative, got picks[" + i + "] = "
                        + from);
            }
            int to = i + 1 < picks.length ? Math.min(picks[i + 1], nFrames) : nFrames;
            float score = i < stepScores.length ? stepScores[i] : 0f;
            for (int f = Math.min(from, nFrames); f < to; f++) {
                frames[f] = score;
            }
        }
        return frames;
    }

    /**
     * The mean frame score of each shot, over its inclusive {@code [start, end]} range of {@code changePoints}.
     *
     * <p>The sum is numpy's float32 pairwise summation (blocks of 128, eight running partial sums) and the mean is
     * rounded to float, so the result equals {@code float32_array.mean()} bit for bit. A range reaching past the
     * last frame is clipped, like a numpy slice; a shot with no frame in range scores 0 (numpy would give NaN,
     * which its integer cast turns into garbage).
     */
    public static float[] shotMeans(float[] frameScores, int[][] changePoints) {
        float[] means = new float[changePoints.length];
        for (int s = 0; s < changePoints.length; s++) {
            int from = Math.max(0, changePoints[s][0]);
            int to = Math.min(frameScores.length, changePoints[s][1] + 1);
            int n = to - from;
            means[s] = n <= 0 ? 0f : (float) ((double) pairwiseSum(frameScores, from, n) / n);
        }
        return means;
    }

    /** numpy's pairwise float32 sum of {@code a[from .. from+n)}. */
    static float pairwiseSum(float[] a, int from, int n) {
        if (n < 8) {
            float sum = 0f;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= 128) {
            float r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            float r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                int k = from + i;
                r0 += a[k];
                r1 += a[k + 1];
                r2 += a[k + 2];
                r3 += a[k + 3];
                r4 += a[k + 4];
                r5 += a[k + 5];
                r6 += a[k + 6];
                r7 += a[k + 7];
            }
            float sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
