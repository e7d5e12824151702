package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sspvs.data.VideoRecord;

class EvaluatorTest {

    /** 10 frames, picks every 2, shots [0,3] [4,6] [7,9]; user 0 chose shot 0, user 1 shot 2. */
    static VideoRecord tinyVideo(float[][] userScores) {
        float[][] userSummary = {
            {1, 1, 1, 1, 0, 0, 0, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 1, 1, 1},
        };
        return new VideoRecord("video_1", "tiny", new float[5][0], new float[5], new float[5], userSummary,
                userScores, new int[][] {{0, 3}, {4, 6}, {7, 9}}, new int[] {4, 3, 3}, 10, new int[] {0, 2, 4, 6, 8});
    }

    private static final float[][] USER_SCORES = {
        {5, 5, 5, 5, 1, 1, 1, 2, 2, 2},
        {1, 1, 1, 1, 2, 2, 2, 4, 4, 4},
    };
    private static final float[] STEPS = {0.9f, 0.9f, 0.1f, 0.5f, 0.5f};

    @Test
    void chainsUpsamplingKnapsackFScoreAndCorrelations() {
        // frames .9 .9 .9 .9 .1 .1 .5 .5 .5 .5; shots .9, .2333, .5; capacity floor(10 × 0.4) = 4 -> shot 0 only
        Evaluator evaluator = new Evaluator(new SummaryBuilder(0.4));
        VideoRecord video = tinyVideo(USER_SCORES);
        VideoEvaluation avg = evaluator.evaluate(video, STEPS, Metric.AVG);
        assertEquals(0.5, avg.fScore(), 1e-7);
        assertEquals(0.5, avg.precision(), 1e-7);
        assertEquals(0.5, avg.recall(), 1e-7);
        VideoEvaluation max = evaluator.evaluate(video, STEPS, Metric.MAX);
        assertEquals(1.0, max.fScore(), 1e-7);
        float[] frames = FrameScores.upsample(STEPS, video.picks(), 10);
        double tau = (RankCorrelation.kendall(frames, USER_SCORES[0]) + RankCorrelation.kendall(frames, USER_SCORES[1]))
                / 2;
        double rho = (RankCorrelation.spearman(frames, USER_SCORES[0])
                        + RankCorrelation.spearman(frames, USER_SCORES[1])) / 2;
        assertEquals(tau, avg.kendall(), 1e-15);
        assertEquals(rho, avg.spearman(), 1e-15);
        assertEquals("video_1", avg.key());
    }

    @Test
    void correlationsAreNaNWhenTheFileHasNoUserScores() {
        VideoEvaluation e = new Evaluator(new SummaryBuilder(0.4)).evaluate(tinyVideo(null), STEPS, Metric.AVG);
        assertTrue(Double.isNaN(e.kendall()) && Double.isNaN(e.spearman()));
        assertEquals(0.5, e.fScore(), 1e-7);
    }

    @Test
    void nonFiniteScoresAndMismatchedUserScoresAreRejected() {
        Evaluator evaluator = new Evaluator();
        assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate(tinyVideo(USER_SCORES), new float[] {0, Float.NaN, 0, 0, 0}, Metric.AVG));
        assertThrows(IllegalArgumentException.class,
                () -> evaluator.evaluate(tinyVideo(new float[][] {{1, 2, 3}}), STEPS, Metric.AVG));
    }

    @Test
    void userRanksAreComputedOncePerVideo() {
        Evaluator evaluator = new Evaluator();
        VideoRecord video = tinyVideo(USER_SCORES);
        assertSame(evaluator.userRanks(video), evaluator.userRanks(video));
    }

    @Test
    void userScoresAtThePicksBeatReversedScoresOnASyntheticVideo() {
        VideoRecord video = SyntheticDataset.video("v", 3000, 5, new SplittableRandom(1));
        float[] good = new float[video.steps()];
        float[] bad = new float[video.steps()];
        for (int t = 0; t < good.length; t++) {
            good[t] = video.userScores()[0][video.picks()[t]];
            bad[t] = -good[t];
        }
        Evaluator evaluator = new Evaluator();
        VideoEvaluation g = evaluator.evaluate(video, good, Metric.AVG);
        VideoEvaluation b = evaluator.evaluate(video, bad, Metric.AVG);
        assertTrue(g.kendall() > 0.2 && b.kendall() < -0.2, g + " / " + b);
        assertEquals(-g.kendall(), b.kendall(), 1e-12);
        assertTrue(g.fScore() > b.fScore(), g + " / " + b);
    }

    @Test
    void summaryIsTheMeanOverVideosAndNaNPropagates() {
        List<VideoEvaluation> list = new ArrayList<>();
        list.add(new VideoEvaluation("a", 0.2, 0.3, 0.4, 0.1, 0.2));
        list.add(new VideoEvaluation("b", 0.4, 0.5, 0.6, 0.3, 0.4));
        EvaluationSummary s = EvaluationSummary.of(list);
        assertEquals(0.3, s.fScore(), 1e-12);
        assertEquals(0.2, s.kendall(), 1e-12);
        list.add(new VideoEvaluation("c", 0.4, 0.5, 0.6, Double.NaN, Double.NaN));
        assertTrue(Double.isNaN(EvaluationSummary.of(list).kendall()));
    }
}
