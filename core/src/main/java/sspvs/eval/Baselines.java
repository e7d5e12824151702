package sspvs.eval;

import java.util.List;
import java.util.SplittableRandom;
import sspvs.data.VideoRecord;

/**
 * Reference points for reading a model's scores: how well humans agree with each other, and what random scores
 * achieve under the same protocol.
 *
 * <ul>
 *   <li><b>Pairwise human agreement</b>: τ-b and ρ between every pair of users' frame scores, mean over pairs,
 *       then over videos (the figure Otani et al., CVPR 2019, report for TVSum: τ 0.177, ρ 0.204).</li>
 *   <li><b>Leave-one-out</b>: each user's scores against the mean of the other users' scores (τ, ρ), and each
 *       user's own summary scored as a machine summary against the other users' summaries (F, with the dataset's
 *       metric); mean over users, then over videos.</li>
 *   <li><b>Random</b>: uniform random step scores in [0, 1) from a seeded generator, evaluated exactly like a model,
 *       averaged over many draws.</li>
 * </ul>
 * Correlation means skip videos without {@code user_scores} (NaN when none has them), and pairs whose statistic is
 * undefined (a constant annotator); unlike a model's evaluation, where NaN propagates, a baseline should not be
 * blanked by one such annotator.
 */
public final class Baselines {
    /** Mean rank correlation. */
    public record Agreement(double kendall, double spearman) {}

    /** Leave-one-out agreement: correlations against the others' mean, and F against the others' summaries. */
    public record LeaveOneOut(double kendall, double spearman, double fScore) {}

    /** Human agreement over a set of videos. */
    public record Human(Agreement pairwise, LeaveOneOut leaveOneOut, int videos) {}

    /** Random scores: means over draws of each draw's mean over videos. */
    public record Random(double fScore, double precision, double recall, double kendall, double spearman, int draws,
            long seed) {}

    private Baselines() {}

    public static Human human(List<VideoRecord> videos, Metric metric) {
        Mean pairK = new Mean(), pairS = new Mean(), looK = new Mean(), looS = new Mean(), looF = new Mean();
        for (VideoRecord video : videos) {
            looF.add(leaveOneOutF(video, metric));
            if (!video.hasUserScores() || video.userScores().length < 2) {
                continue;
            }
            float[][] scores = video.userScores();
            int users = scores.length;
            RankCorrelation.Ranked[] ranked = new RankCorrelation.Ranked[users];
            for (int u = 0; u < users; u++) {
                ranked[u] = RankCorrelation.rank(scores[u]);
            }
            Mean k = new Mean(), s = new Mean();
            for (int u = 0; u < users; u++) {
                for (int w = u + 1; w < users; w++) {
                    RankCorrelation.Correlations c = RankCorrelation.correlate(ranked[u], ranked[w]);
                    k.add(c.kendall());
                    s.add(c.spearman());
                }
            }
            pairK.add(k.value());
            pairS.add(s.value());
            Mean lk = new Mean(), ls = new Mean();
            for (int u = 0; u < users; u++) {
                RankCorrelation.Correlations c =
                        RankCorrelation.correlate(ranked[u], RankCorrelation.rank(meanOfOthers(scores, u)));
                lk.add(c.kendall());
                ls.add(c.spearman());
            }
            looK.add(lk.value());
            looS.add(ls.value());
        }
        return new Human(new Agreement(pairK.value(), pairS.value()),
                new LeaveOneOut(looK.value(), looS.value(), looF.value()), videos.size());
    }

    /** Each user's summary against the others', combined by {@code metric}, mean over users; NaN with one user. */
    static double leaveOneOutF(VideoRecord video, Metric metric) {
        float[][] summaries = video.userSummary();
        int users = summaries.length;
        if (users < 2) {
            return Double.NaN;
        }
        Mean f = new Mean();
        for (int u = 0; u < users; u++) {
            boolean[] own = new boolean[summaries[u].length];
            for (int i = 0; i < own.length; i++) {
                own[i] = summaries[u][i] > 0;
            }
            float[][] others = new float[users - 1][];
            for (int w = 0, j = 0; w < users; w++) {
                if (w != u) {
                    others[j++] = summaries[w];
                }
            }
            f.add(FScore.of(own, others, metric).fScore());
        }
        return f.value();
    }

    private static float[] meanOfOthers(float[][] scores, int left) {
        int n = scores[0].length;
        double[] sum = new double[n];
        for (int u = 0; u < scores.length; u++) {
            if (u != left) {
                for (int i = 0; i < n; i++) {
                    sum[i] += scores[u][i];
                }
            }
        }
        float[] mean = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = (float) (sum[i] / (scores.length - 1));
        }
        return mean;
    }

    /**
     * Random step scores evaluated like a model, {@code draws} times; videos are drawn in the list's order, so
     * the same seed, videos and order give the same figures.
     */
    public static Random random(List<VideoRecord> videos, Metric metric, long seed, int draws, Evaluator evaluator) {
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be at least 1, got " + draws);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double f = 0, p = 0, r = 0, k = 0, s = 0;
        for (int d = 0; d < draws; d++) {
            List<VideoEvaluation> evaluations = new java.util.ArrayList<>(videos.size());
            for (VideoRecord video : videos) {
                float[] steps = new float[video.picks().length];
                for (int i = 0; i < steps.length; i++) {
                    steps[i] = (float) rng.nextDouble();
                }
                evaluations.add(evaluator.evaluate(video, steps, metric));
            }
            EvaluationSummary mean = EvaluationSummary.of(evaluations);
            f += mean.fScore();
            p += mean.precision();
            r += mean.recall();
            k += mean.kendall();
            s += mean.spearman();
        }
        return new Random(f / draws, p / draws, r / draws, k / draws, s / draws, draws, seed);
    }

    /** Running mean that ignores NaN and is NaN when empty. */
    private static final class Mean {
        private double sum;
        private int count;

        void add(double v) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }

        double value() {
            return count == 0 ? Double.NaN : sum / count;
        }
    }
}
