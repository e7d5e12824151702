package sspvs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EpochCandidatesTest {

    @Test
    void fOnlyKeepsTheBestSoFarWithLaterTiesWinning() {
        List<EpochMetrics> rows = List.of(new EpochMetrics(0, 0.5, 0.1, 0.1), new EpochMetrics(1, 0.6, 0.0, 0.0),
                new EpochMetrics(2, 0.6, 0.2, 0.2), new EpochMetrics(3, 0.4, 0.9, 0.9));
        assertEquals(List.of(2), EpochCandidates.survivors(rows, EpochSelection.Rule.F_SCORE));
        assertEquals(2, EpochSelection.best(rows, EpochSelection.Rule.F_SCORE));
    }

    @Test
    void rankSumKeepsTheParetoFrontInFAndTau() {
        List<EpochMetrics> rows = List.of(new EpochMetrics(0, 0.5, 0.1, 0), new EpochMetrics(1, 0.6, 0.0, 0),
                new EpochMetrics(2, 0.4, 0.3, 0), new EpochMetrics(3, 0.45, 0.05, 0));
        assertEquals(List.of(0, 1, 2), EpochCandidates.survivors(rows, EpochSelection.Rule.F_SCORE_PLUS_KENDALL));
    }

    @Test
    void theFinalWinnerIsAlwaysAmongEverEarlierSurvivors() {
        Random r = new Random(3);
        for (int trial = 0; trial < 300; trial++) {
            List<EpochMetrics> rows = new ArrayList<>();
            int n = 2 + r.nextInt(12);
            for (int e = 0; e < n; e++) {
                // coarse values make ties common; a few NaN taus as for files without user_scores
                double tau = r.nextInt(10) == 0 ? Double.NaN : r.nextInt(5) / 5.0;
                rows.add(new EpochMetrics(e, r.nextInt(6) / 6.0, tau, 0));
            }
            for (EpochSelection.Rule rule : EpochSelection.Rule.values()) {
                int winner = EpochSelection.best(rows, rule);
                for (int seen = winner + 1; seen <= n; seen++) {
                    List<Integer> alive = EpochCandidates.survivors(rows.subList(0, seen), rule);
                    assertTrue(alive.contains(winner), rule + " trial " + trial + ": winner " + winner
                            + " dropped after " + seen + " epochs: " + rows);
                }
            }
        }
    }
}
