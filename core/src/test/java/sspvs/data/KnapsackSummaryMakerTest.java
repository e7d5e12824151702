package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KnapsackSummaryMakerTest {
    private final SummaryMaker knapsack = SummaryMaker.exactKnapsack();

    @Test
    void matchesBruteForceOnRandomInstances() {
        Random r = new Random(42);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + r.nextInt(10);
            double[] values = new double[n];
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 5;
                lengths[i] = 1 + r.nextInt(40); // a shot holds at least one frame
            }
            int capacity = r.nextInt(120);
            int[] chosen = knapsack.select(values, lengths, capacity);
            double value = 0;
            int weight = 0;
            for (int i = 0; i < chosen.length; i++) {
                if (i > 0) assertTrue(chosen[i] > chosen[i - 1], "ascending");
                value += values[chosen[i]];
                weight += lengths[chosen[i]];
            }
            assertTrue(weight <= capacity, "within capacity");
            // values are rounded to 1e-6 before solving, so the optimum is exact up to n·1e-6
            assertEquals(bruteForce(values, lengths, capacity), value, 1e-5, "optimal in trial " + trial);
        }
    }

    @Test
    void textbookInstance() {
        // values 60/100/120, weights 10/20/30, capacity 50: best is items 1 and 2 (220)
        assertArrayEquals(new int[] {1, 2}, knapsack.select(new double[] {60, 100, 120}, new int[] {10, 20, 30}, 50));
        assertArrayEquals(new int[0], knapsack.select(new double[] {1}, new int[] {5}, 4));
        assertArrayEquals(new int[0], knapsack.select(new double[] {1}, new int[] {5}, 0));
    }

    private static double bruteForce(double[] values, int[] lengths, int capacity) {
        double best = 0;
        for (int mask = 0; mask < 1 << values.length; mask++) {
            double v = 0;
            int w = 0;
            for (int i = 0; i < values.length; i++) {
                if ((mask & 1 << i) != 0) {
                    v += values[i];
                    w += lengths[i];
                }
            }
            if (w <= capacity) best = Math.max(best, v);
        }
        return best;
    }
}
