package sspvs.knapsack;

/**
 * Exact 0/1 knapsack by dynamic programming over integer capacities, with the same choice among equally good
 * selections as the OR-Tools dynamic-programming solver the reference calls.
 *
 * <p>Values are integers: the reference multiplies shot scores by 1000 and truncates ({@link #scaledValues}) before
 * solving, so shots whose scores differ by less than 0.001 can tie. Which optimal selection is returned then
 * matters for the F-score, so the rule is fixed and documented:
 * <ol>
 *   <li>If all items fit together, all are selected (including worthless ones).</li>
 *   <li>Otherwise, with {@code best(i, c)} the optimum using the first {@code i} items within capacity {@code c},
 *       the last item selected is the highest index {@code i} whose inclusion strictly raised the optimum,
 *       {@code best(i+1, c) > best(i, c)}; the rest is solved the same way on items before it, with the capacity
 *       left. This prefers earlier items: of the optimal selections it returns the one whose highest item is
 *       lowest, and so on down.</li>
 *   <li>When nothing in the remaining items adds value, item 0 is still taken if it fits (the OR-Tools solver
 *       returns item 0 by default there); the search then stops.</li>
 * </ol>
 * Cost: O(items × capacity) time and a bit table of the same size.
 */
public final class Knapsack {
    /** The reference's scale from shot score to integer value. */
    public static final double VALUE_SCALE = 1000.0;

    /**
     * A selection and what it achieves.
     *
     * @param selected one flag per item
     * @param value the sum of the selected items' values
     * @param weight the sum of the selected items' weights (never above the capacity)
     */
    public record Solution(boolean[] selected, long value, long weight) {}

    private Knapsack() {}

    /** Shot scores ×1000 truncated toward zero, computed in double as numpy does ({@code (v * 1000).astype(int)}). */
    public static long[] scaledValues(float[] shotScores) {
        long[] values = new long[shotScores.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) ((double) shotScores[i] * VALUE_SCALE);
        }
        return values;
    }

    /**
     * An optimal selection (see the class comment for which one).
     *
     * @throws IllegalArgumentException if a weight or the capacity is negative, or the lengths differ
     */
    public static Solution solve(long[] values, int[] weights, int capacity) {
        int n = values.length;
        if (weights.length != n) {
            throw new IllegalArgumentException(n + " values but " + weights.length + " weights");
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("negative capacity " + capacity);
        }
        long totalWeight = 0;
        for (int w : weights) {
            if (w < 0) {
                throw new IllegalArgumentException("negative weight " + w);
            }
            totalWeight += w;
        }
        boolean[] selected = new boolean[n];
        if (totalWeight <= capacity) {
            java.util.Arrays.fill(selected, true);
            return finish(selected, values, weights);
        }
        int width = capacity + 1;
        // best[c]: optimum with the items seen so far within capacity c; raised[i*width+c]: item i raised best[c].
        long[] best = new long[width];
        boolean[] raised = new boolean[n * width];
        for (int i = 0; i < n; i++) {
            int w = weights[i];
            long v = values[i];
            for (int c = capacity; c >= w; c--) {
                long with = best[c - w] + v;
                if (with > best[c]) {
                    best[c] = with;
                    raised[i * width + c] = true;
                }
            }
        }
        int remaining = capacity;
        int items = n;
        while (remaining > 0 && items > 0) {
            int chosen = 0;
            for (int i = items - 1; i > 0; i--) {
                if (raised[i * width + remaining]) {
                    chosen = i;
                    break;
                }
            }
            // chosen == 0 either because item 0 raised the optimum or because nothing did (rule 3).
            remaining -= weights[chosen];
            items = chosen;
            if (remaining >= 0) {
                selected[chosen] = true;
            }
        }
        return finish(selected, values, weights);
    }

    private static Solution finish(boolean[] selected, long[] values, int[] weights) {
        long value = 0;
        long weight = 0;
        for (int i = 0; i < selected.length; i++) {
            if (selected[i]) {
                value += values[i];
                weight += weights[i];
            }
        }
        return new Solution(selected, value, weight);
    }
}
