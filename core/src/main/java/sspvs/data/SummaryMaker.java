package sspvs.data;

/**
 * Chooses the shots of a summary: the 0/1 knapsack over shots, values = shot scores, weights = shot lengths in
 * frames, capacity = the frame budget (15% of the video in the benchmarks). The data package needs it to derive
 * TVSum's per-user summaries and {@code gtsummary}; the default runs the evaluation's solver
 * ({@link sspvs.knapsack.Knapsack}), so the project has one knapsack.
 */
@FunctionalInterface
public interface SummaryMaker {
    /**
     * @param values one value per shot (non-negative)
     * @param lengths one length in frames per shot (non-negative)
     * @param capacity most frames the chosen shots may hold together
     * @return the chosen shot indices, ascending
     */
    int[] select(double[] values, int[] lengths, int capacity);

    /** The evaluation's exact 0/1 knapsack at 10⁻⁶ value resolution (see {@link KnapsackSummaryMaker}). */
    static SummaryMaker exactKnapsack() {
        return new KnapsackSummaryMaker();
    }
}
