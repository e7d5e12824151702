package sspvs.eval;

/**
 * The evaluation of one video's predicted scores.
 *
 * @param key the video's key in its file
 * @param fScore F-score of the machine summary against the user summaries (combined by the metric)
 * @param precision precision matching {@code fScore}
 * @param recall recall matching {@code fScore}
 * @param kendall Kendall's τ-b of frame scores against each user's scores, mean over users; NaN when the file has
 *     no {@code user_scores} (and, as in the reference, when the scores or a user's scores are constant)
 * @param spearman Spearman's ρ, likewise
 */
public record VideoEvaluation(
        String key, double fScore, double precision, double recall, double kendall, double spearman) {

    /** Whether rank correlations could be computed (the file has {@code user_scores}). */
    public boolean hasCorrelations() {
        return !Double.isNaN(kendall) || !Double.isNaN(spearman);
    }
}
