package sspvs.data;

import sspvs.knapsack.Knapsack;

/**
 * Derives a summary with the evaluation's own 0/1 knapsack ({@link Knapsack}, one solver for the whole project).
 * Values are scaled by {@link #VALUE_SCALE} and rounded to integers first: the reference's ×1000 truncation is
 * right for reproducing its evaluation, but ground truth built here should lose as little as possible, and
 * 10⁶ keeps mean user ratings (multiples of 1/20 on a 1–5 scale) exact. Every shot holds at least one frame
 * (the solver's backtracking, like OR-Tools', stops once the capacity is used up).
 */
public final class KnapsackSummaryMaker implements SummaryMaker {
    /** Integer resolution of shot values handed to the solver. */
    public static final double VALUE_SCALE = 1e6;

    @Override
    public int[] select(double[] values, int[] lengths, int capacity) {
        int n = values.length;
        if (lengths.length != n) {
            throw new IllegalArgumentException(n + " values but " + lengths.length + " lengths");
        }
        if (capacity < 0 || n == 0) {
            return new int[0];
        }
        long[] scaled = new long[n];
        for (int i = 0; i < n; i++) {
            if (lengths[i] < 1 || values[i] < 0 || Double.isNaN(values[i])) {
                throw new IllegalArgumentException("shot " + i + ": length " + lengths[i] + ", value " + values[i]);
            }
            scaled[i] = Math.round(values[i] * VALUE_SCALE);
        }
        boolean[] selected = Knapsack.solve(scaled, lengths, capacity).selected();
        int count = 0;
        for (boolean s : selected) {
            if (s) count++;
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (selected[i]) out[k++] = i;
        }
        return out;
    }
}
