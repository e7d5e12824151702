package sspvs.data;

/**
 * Exact 0/1 knapsack by dynamic programming over capacities, O(shots × capacity) time and bits. Values are used
 * as given (no ×1000 truncation, unlike the reference's OR-Tools call). Among equal-value solutions it keeps the
 * one found first in shot order, so results are deterministic.
 */
public final class KnapsackSummaryMaker implements SummaryMaker {
    @Override
    public int[] select(double[] values, int[] lengths, int capacity) {
        int n = values.length;
        if (lengths.length != n) {
            throw new IllegalArgumentException(n + " values but " + lengths.length + " lengths");
        }
        if (capacity < 0 || n == 0) {
            return new int[0];
        }
        double[] best = new double[capacity + 1];
        boolean[][] take = new boolean[n][capacity + 1];
        for (int i = 0; i < n; i++) {
            int w = lengths[i];
            if (w < 0 || values[i] < 0 || Double.isNaN(values[i])) {
                throw new IllegalArgumentException("shot " + i + ": length " + w + ", value " + values[i]);
            }
            for (int c = capacity; c >= w; c--) {
                double with = best[c - w] + values[i];
                if (with > best[c]) {
                    best[c] = with;
                    take[i][c] = true;
                }
            }
        }
        boolean[] chosen = new boolean[n];
        int count = 0;
        int c = capacity;
        for (int i = n - 1; i >= 0; i--) {
            if (take[i][c]) {
                chosen[i] = true;
                count++;
                c -= lengths[i];
            }
        }
        int[] out = new int[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (chosen[i]) out[k++] = i;
        }
        return out;
    }
}
