/**
 * The evaluation protocol of video summarization, step by step as the SSPVS reference computes it.
 *
 * <p>Predicted step scores (one per feature step) become frame scores ({@link sspvs.eval.FrameScores#upsample});
 * frame scores are compared with each user's frame scores by Kendall's τ-b and Spearman's ρ
 * ({@link sspvs.eval.RankCorrelation}); frame scores are averaged per shot and a 0/1 knapsack keeps the best
 * shots within 15 % of the frames ({@link sspvs.knapsack.Knapsack}, {@link sspvs.eval.SummaryBuilder}); the machine
 * summary is scored against each user summary ({@link sspvs.eval.FScore}, averaged over users for TVSum, best
 * user for SumMe). {@link sspvs.eval.Evaluator} chains the steps for one video; {@link sspvs.eval.Baselines}
 * gives human and random reference points; {@link sspvs.eval.SyntheticDataset} makes TVSum-sized test data.
 *
 * <p>May use: {@code sspvs} (UserException), {@code io}, {@code stats}, {@code config}, {@code knapsack}, {@code data}. Never
 * {@code report}, {@code model}, {@code train}, the media packages or {@code cli} (checked by {@code LayeringTest}).
 */
package sspvs.eval;
