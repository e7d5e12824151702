/**
 * The exact 0/1 knapsack that picks a summary's shots within its frame budget ({@link sspvs.knapsack.Knapsack}),
 * with the reference's (OR-Tools') choice among equally good selections. One solver for the project: the
 * evaluation's summaries ({@code sspvs.eval.SummaryBuilder}) and the ground truth that {@code sspvs.data} derives
 * from annotations both use it, which is why it sits below both.
 *
 * <p>May use: nothing of sspvs (pure arithmetic).
 */
package sspvs.knapsack;
