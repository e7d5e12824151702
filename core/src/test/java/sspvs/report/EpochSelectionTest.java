package sspvs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpochSelectionTest {
    // Values checked with numpy: F ranks [1,3,2,4,0], tau ranks [2,0,3,1,4]; get_best picks row 3 (F only)
    // and row 2 (F + tau: sums [3,3,5,5,4], first maximum).
    private static final List<EpochMetrics> TEST = List.of(
            new EpochMetrics(1, 0.50, 0.10, 0.11),
            new EpochMetrics(2, 0.55, 0.05, 0.06),
            new EpochMetrics(3, 0.52, 0.20, 0.21),
            new EpochMetrics(4, 0.55, 0.08, 0.09),
            new EpochMetrics(5, 0.40, 0.30, 0.31));

    @Test
    void fOnlyRuleMatchesTheReferenceIncludingTheLaterOfTiedEpochs() {
        assertEquals(3, EpochSelection.best(TEST, EpochSelection.Rule.F_SCORE));
    }

    @Test
    void fPlusKendallRankRuleTakesTheFirstMaximum() {
        assertEquals(2, EpochSelection.best(TEST, EpochSelection.Rule.F_SCORE_PLUS_KENDALL));
    }

    @Test
    void ranksAreArgsortOfArgsort() {
        assertEquals(List.of(1, 3, 2, 4, 0), toList(EpochSelection.ranks(TEST,
                java.util.Comparator.comparingDouble(EpochMetrics::fScore))));
    }

    @Test
    void honestSelectionPicksOnValidationAndReportsTest() {
        List<EpochMetrics> validation = List.of(
                new EpochMetrics(1, 0.9, 0.0, 0.0),
                new EpochMetrics(2, 0.1, 0.0, 0.0),
                new EpochMetrics(3, 0.2, 0.0, 0.0),
                new EpochMetrics(4, 0.3, 0.0, 0.0),
                new EpochMetrics(5, 0.4, 0.0, 0.0));
        assertSame(TEST.get(0), EpochSelection.choose(TEST, validation, EpochSelection.Rule.F_SCORE));
        assertSame(TEST.get(3), EpochSelection.choose(TEST, TEST, EpochSelection.Rule.F_SCORE));
    }

    @Test
    void chooseAllGivesOneRowPerSplitForRecordsCsv() {
        List<EpochMetrics> other = List.of(new EpochMetrics(1, 0.7, 0.2, 0.3), new EpochMetrics(2, 0.6, 0.3, 0.4));
        List<EpochMetrics> chosen = EpochSelection.chooseAll(List.of(TEST, other), List.of(TEST, other),
                EpochSelection.Rule.F_SCORE);
        assertEquals(List.of(TEST.get(3), other.get(0)), chosen);
        RecordsCsv.Row row = RecordsCsv.row("ts_a", chosen, EpochSelection.Selection.TEST);
        assertEquals(0.625, row.fScore(), 0); // (0.55 + 0.7) / 2
        assertEquals(0.14, row.kendall(), 0);
    }

    @Test
    void aRuleIsReadFromItsConfigValueNeverFromAName() {
        assertEquals(EpochSelection.Rule.F_SCORE, EpochSelection.Rule.of("f_score"));
        assertEquals(EpochSelection.Rule.F_SCORE_PLUS_KENDALL, EpochSelection.Rule.of("f_score_plus_kendall"));
        assertThrows(IllegalArgumentException.class, () -> EpochSelection.Rule.of("ts_a"));
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
