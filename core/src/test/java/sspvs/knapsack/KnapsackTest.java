package sspvs.knapsack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnapsackTest {

    @Test
    void optimalValueEqualsBruteForceAndSelectionIsFeasibleOnRandomInstances() {
        Random rng = new Random(7);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rng.nextInt(12);
            long[] values = new long[n];
            int[] weights = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextInt(6); // small range: many ties, some zero values
                weights[i] = 1 + rng.nextInt(10);
            }
            int capacity = rng.nextInt(40);
            Knapsack.Solution s = Knapsack.solve(values, weights, capacity);
            assertEquals(bruteForceBest(values, weights, capacity), s.value(), "trial " + trial);
            assertTrue(s.weight() <= capacity, "trial " + trial);
            assertEquals(sum(values, weights, s.selected())[0], s.value());
            assertEquals(sum(values, weights, s.selected())[1], s.weight());
        }
    }

    @Test
    void amongOptimalSelectionsPrefersTheLowestHighestItemRecursively() {
        Random rng = new Random(11);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rng.nextInt(10);
            long[] values = new long[n];
            int[] weights = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = 1 + rng.nextInt(4);
                weights[i] = 1 + rng.nextInt(6);
            }
            int capacity = rng.nextInt(25);
            boolean[] got = Knapsack.solve(values, weights, capacity).selected();
            assertArrayEquals(preferredOptimum(values, weights, capacity), got, "trial " + trial);
        }
    }

    @Test
    void tieBetweenEqualItemsGoesToTheEarlierOne() {
        assertArrayEquals(new boolean[] {true, false}, Knapsack.solve(new long[] {5, 5}, new int[] {1, 1}, 1).selected());
        // two items (1, 2) against one (0) of the same total: the set whose highest index is lower wins
        assertArrayEquals(new boolean[] {true, false, false},
                Knapsack.solve(new long[] {6, 3, 3}, new int[] {2, 1, 1}, 2).selected());
    }

    @Test
    void everythingIsSelectedWhenAllItemsFit() {
        assertArrayEquals(new boolean[] {true, true, true},
                Knapsack.solve(new long[] {0, 4, 0}, new int[] {1, 1, 1}, 3).selected());
    }

    @Test
    void worthlessItemsStillTakeTheFirstItemWhenItFits() {
        // the OR-Tools DP solver's default answer is item 0; it is kept when it fits
        assertArrayEquals(new boolean[] {true, false, false},
                Knapsack.solve(new long[] {0, 0, 0}, new int[] {2, 2, 2}, 3).selected());
        assertArrayEquals(new boolean[] {false, false, false},
                Knapsack.solve(new long[] {0, 0, 0}, new int[] {4, 2, 2}, 3).selected());
        // after the valuable item, item 0 (worth 0) is added because it still fits
        assertArrayEquals(new boolean[] {true, false, true},
                Knapsack.solve(new long[] {0, 0, 9}, new int[] {1, 1, 2}, 3).selected());
    }

    @Test
    void scaledValuesTruncateTowardZeroInDouble() {
        assertArrayEquals(new long[] {300, 999, 0, 1000, 123},
                Knapsack.scaledValues(new float[] {0.3f, 0.999f, 0.0009f, 1.0f, 0.1239f}));
        // 0.29999998f × 1000 is just below 300
        assertEquals(299, Knapsack.scaledValues(new float[] {Math.nextDown(0.3f)})[0]);
    }

    private static long[] sum(long[] values, int[] weights, boolean[] sel) {
        long v = 0, w = 0;
        for (int i = 0; i < sel.length; i++) {
            if (sel[i]) {
                v += values[i];
                w += weights[i];
            }
        }
        return new long[] {v, w};
    }

    private static long bruteForceBest(long[] values, int[] weights, int capacity) {
        long best = 0;
        for (int mask = 0; mask < (1 << values.length); mask++) {
            long[] vw = sum(values, weights, toSelection(mask, values.length));
            if (vw[1] <= capacity) {
                best = Math.max(best, vw[0]);
            }
        }
        return best;
    }

    /** The optimal set whose indices, read from the highest down, are lexicographically smallest. */
    private static boolean[] preferredOptimum(long[] values, int[] weights, int capacity) {
        long best = bruteForceBest(values, weights, capacity);
        List<Integer> bestKey = null;
        boolean[] chosen = null;
        for (int mask = 0; mask < (1 << values.length); mask++) {
            boolean[] sel = toSelection(mask, values.length);
            long[] vw = sum(values, weights, sel);
            if (vw[1] <= capacity && vw[0] == best) {
                List<Integer> key = new ArrayList<>();
                for (int i = values.length - 1; i >= 0; i--) {
                    if (sel[i]) {
                        key.add(i);
                    }
                }
                if (bestKey == null || compare(key, bestKey) < 0) {
                    bestKey = key;
                    chosen = sel;
                }
            }
        }
        return chosen;
    }

    private static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return Integer.compare(a.get(i), b.get(i));
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static boolean[] toSelection(int mask, int n) {
        boolean[] sel = new boolean[n];
        for (int i = 0; i < n; i++) {
            sel[i] = (mask & (1 << i)) != 0;
        }
        return sel;
    }
}
