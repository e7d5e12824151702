package sspvs.model;

import java.util.Arrays;

/**
 * Scores a video of any length with a {@link ProgressiveSummarizer}, whose positional table stops at
 * {@link SummarizerSpec#MAX_LENGTH} rows (4,999 steps after the class token; a 1-hour video at 2 samples per second
 * has 7,200).
 *
 * <p>A video of at most {@code window} steps is scored in one pass, exactly as the reference evaluates (full
 * sequence, eval mode). A longer one is scored in windows of {@code window} steps that start every {@code hop}
 * steps (the last window is aligned to the end), each window on its own (positions restart at 0, as for a video
 * of that length); a step's score is the weighted mean of the windows covering it, with a triangular weight that
 * is highest at a window's centre and small at its edges, where a window sees least context. The defaults (2,048
 * steps ≈ 17 minutes, hop 1,024) keep every step inside at least two windows except near the ends and keep
 * attention's memory (window² per head) modest; TVSum/SumMe videos (≤ 1,200 steps here) are one window.
 */
public final class WindowedScorer {
    public static final int DEFAULT_WINDOW = 2048;
    public static final int DEFAULT_HOP = 1024;

    private final int window;
    private final int hop;

    public WindowedScorer(int window, int hop) {
        if (window < 1 || window > SummarizerSpec.MAX_LENGTH - 1) {
            throw new IllegalArgumentException("window must be 1.." + (SummarizerSpec.MAX_LENGTH - 1) + " steps, got "
                    + window);
        }
        if (hop < 1 || hop > window) {
            throw new IllegalArgumentException("hop must be 1..window (" + window + "), got " + hop);
        }
        this.window = window;
        this.hop = hop;
    }

    public WindowedScorer() {
        this(DEFAULT_WINDOW, DEFAULT_HOP);
    }

    /**
     * The hop when only the window is chosen: half of it, as the defaults are, so that a window shorter than
     * {@link #DEFAULT_HOP} is not refused for a hop the user never gave.
     */
    public static int defaultHop(int window) {
        return Math.max(1, window / 2);
    }

    public int window() {
        return window;
    }

    public int hop() {
        return hop;
    }

    /** The start of every window for a video of {@code steps} steps (one window, at 0, when it fits). */
    public int[] windowStarts(int steps) {
        if (steps <= window) {
            return new int[] {0};
        }
        int last = steps - window;
        int count = (last + hop - 1) / hop + 1;
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = Math.min(i * hop, last);
        }
        return starts;
    }

    /** One score per step of {@code features} [T][d]. */
    public float[] score(ProgressiveSummarizer model, float[][] features) {
        int steps = features.length;
        int[] starts = windowStarts(steps);
        if (starts.length == 1) {
            return model.predict(features);
        }
        double[] sum = new double[steps];
        double[] weight = new double[steps];
        for (int start : starts) {
            float[] s = model.predict(Arrays.copyOfRange(features, start, start + window));
            for (int i = 0; i < window; i++) {
                double w = Math.min(i + 1, window - i); // triangular: 1 at the edges, window/2 at the centre
                sum[start + i] += w * s[i];
                weight[start + i] += w;
            }
        }
        float[] out = new float[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = (float) (sum[t] / weight[t]);
        }
        return out;
    }
}
