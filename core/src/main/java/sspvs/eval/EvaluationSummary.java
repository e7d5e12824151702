package sspvs.eval;

import java.util.List;

/**
 * The mean of each measure over a set of videos (one split's test set, or a whole file), as the reference reports
 * a split: the plain mean over videos. A NaN correlation in any video makes that mean NaN, as {@code np.mean} does.
 *
 * @param videos how many videos were averaged
 */
public record EvaluationSummary(
        int videos, double fScore, double precision, double recall, double kendall, double spearman) {

    public static EvaluationSummary of(List<VideoEvaluation> evaluations) {
        int n = evaluations.size();
        if (n == 0) {
            throw new IllegalArgumentException("no videos to summarise");
        }
        double f = 0, p = 0, r = 0, k = 0, s = 0;
        for (VideoEvaluation e : evaluations) {
            f += e.fScore();
            p += e.precision();
            r += e.recall();
            k += e.kendall();
            s += e.spearman();
        }
        return new EvaluationSummary(n, f / n, p / n, r / n, k / n, s / n);
    }
}
