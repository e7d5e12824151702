package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import sspvs.data.VideoRecord;

class BaselinesTest {

    private static VideoRecord video(float[][] userSummary, float[][] userScores) {
        return new VideoRecord("v", "", new float[2][0], new float[2], new float[2], userSummary, userScores,
                new int[][] {{0, 1}, {2, 3}}, new int[] {2, 2}, 4, new int[] {0, 2});
    }

    @Test
    void identicalAnnotatorsAgreePerfectly() {
        float[][] scores = {{1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}};
        float[][] summaries = {{0, 0, 1, 1}, {0, 0, 1, 1}, {0, 0, 1, 1}};
        Baselines.Human h = Baselines.human(List.of(video(summaries, scores)), Metric.AVG);
        assertEquals(1.0, h.pairwise().kendall(), 1e-12);
        assertEquals(1.0, h.pairwise().spearman(), 1e-12);
        assertEquals(1.0, h.leaveOneOut().kendall(), 1e-12);
        assertEquals(1.0, h.leaveOneOut().fScore(), 1e-7);
    }

    @Test
    void pairwiseAveragesOverPairsAndLeaveOneOutComparesWithTheOthersMean() {
        float[][] scores = {{1, 2, 3, 4}, {4, 3, 2, 1}, {1, 2, 3, 4}};
        float[][] summaries = {{1, 1, 0, 0}, {0, 0, 1, 1}, {1, 1, 0, 0}};
        Baselines.Human h = Baselines.human(List.of(video(summaries, scores)), Metric.MAX);
        // pairs (0,1) -1, (0,2) +1, (1,2) -1
        assertEquals(-1 / 3.0, h.pairwise().kendall(), 1e-12);
        // user 0 vs mean(1, 2) = constant 2.5 -> undefined, skipped; same for user 2; user 1 vs (1,2,3,4) -> -1
        assertEquals(-1.0, h.leaveOneOut().kendall(), 1e-12);
        // F (max over the others): user 0 -> 1 (user 2), user 1 -> 0, user 2 -> 1
        assertEquals(2 / 3.0, h.leaveOneOut().fScore(), 1e-7);
    }

    @Test
    void randomBaselineHasNoRankCorrelationOnAverage() {
        List<VideoRecord> videos = List.of(SyntheticDataset.video("a", 2000, 4, new SplittableRandom(1)),
                SyntheticDataset.video("b", 2500, 4, new SplittableRandom(2)));
        Baselines.Random r = Baselines.random(videos, Metric.AVG, 9, 20, new Evaluator());
        assertTrue(Math.abs(r.kendall()) < 0.05, r.toString());
        assertTrue(r.fScore() > 0.05 && r.fScore() < 0.5, r.toString());
        assertEquals(r, Baselines.random(videos, Metric.AVG, 9, 20, new Evaluator()));
    }
}
