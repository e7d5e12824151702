package sspvs.eval;

import java.util.Map;
import java.util.WeakHashMap;
import sspvs.data.VideoRecord;

/**
 * The evaluation chain for one video: step scores → frame scores ({@link FrameScores#upsample}) → rank correlation
 * with each user's scores ({@link RankCorrelation}) → machine summary ({@link SummaryBuilder}) → F-score against
 * the user summaries ({@link FScore}).
 *
 * <p>User scores do not depend on the model, so their ranks are computed once per video and kept (weakly, keyed
 * by the record's identity) for every later evaluation of the same {@link VideoRecord} instance. Thread-safe.
 */
public final class Evaluator {
    private final SummaryBuilder summaries;
    private final Map<VideoRecord, RankCorrelation.Ranked[]> userRanks = new WeakHashMap<>();

    public Evaluator(SummaryBuilder summaries) {
        this.summaries = summaries;
    }

    /** The usual protocol: summaries of 15 % of the frames. */
    public Evaluator() {
        this(new SummaryBuilder());
    }

    public SummaryBuilder summaries() {
        return summaries;
    }

    /**
     * Evaluates one video's step scores (one per entry of {@code picks}; missing trailing steps count as 0).
     *
     * @throws IllegalArgumentException if a step score is not finite, or the user scores do not have one value per
     *     frame
     */
    public VideoEvaluation evaluate(VideoRecord video, float[] stepScores, Metric metric) {
        for (int i = 0; i < stepScores.length; i++) {
            if (!Float.isFinite(stepScores[i])) {
                throw new IllegalArgumentException("video " + video.key() + ": step score " + i + " is "
                        + stepScores[i]);
            }
        }
        float[] frames = FrameScores.upsample(stepScores, video.picks(), video.nFrames());
        RankCorrelation.Correlations correlations = correlations(video, frames);
        Summary summary = summaries.build(video, frames);
        FScore.Result f = FScore.of(summary.frames(), video.userSummary(), metric);
        return new VideoEvaluation(video.key(), f.fScore(), f.precision(), f.recall(),
                correlations.kendall(), correlations.spearman());
    }

    /** Mean τ-b and ρ of frame scores against each user's scores; NaN for both when the video has no user scores. */
    public RankCorrelation.Correlations correlations(VideoRecord video, float[] frameScores) {
        if (!video.hasUserScores() || video.userScores().length == 0) {
            return new RankCorrelation.Correlations(Double.NaN, Double.NaN);
        }
        RankCorrelation.Ranked machine = RankCorrelation.rank(frameScores);
        RankCorrelation.Ranked[] users = userRanks(video);
        double kendall = 0;
        double spearman = 0;
        for (RankCorrelation.Ranked user : users) {
            if (user.length() != machine.length()) {
                throw new IllegalArgumentException("video " + video.key() + ": user_scores has " + user.length()
                        + " frames but n_frames is " + machine.length());
            }
            RankCorrelation.Correlations c = RankCorrelation.correlate(machine, user);
            kendall += c.kendall();
            spearman += c.spearman();
        }
        return new RankCorrelation.Correlations(kendall / users.length, spearman / users.length);
    }

    /** Each user's ranked scores, computed on first use and kept while the record is alive. */
    public RankCorrelation.Ranked[] userRanks(VideoRecord video) {
        synchronized (userRanks) {
            RankCorrelation.Ranked[] cached = userRanks.get(video);
            if (cached != null) {
                return cached;
            }
        }
        float[][] scores = video.userScores();
        RankCorrelation.Ranked[] ranked = new RankCorrelation.Ranked[scores.length];
        for (int u = 0; u < scores.length; u++) {
            ranked[u] = RankCorrelation.rank(scores[u]);
        }
        synchronized (userRanks) {
            userRanks.put(video, ranked);
        }
        return ranked;
    }
}
