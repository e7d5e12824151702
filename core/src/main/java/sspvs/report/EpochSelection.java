package sspvs.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Which epoch's metrics a split reports.
 *
 * <p>The reference ({@code utils/sortout_res.py}, {@code get_best}) evaluates on the test videos every epoch and
 * keeps, per split, the epoch that is best <em>on those same test metrics</em> — model selection on the test set.
 * Its score is either the F-score's rank alone, or the sum of the F-score's and Kendall τ's ranks (ranks are
 * 0-based positions in ascending order, {@code argsort().argsort()}); the first epoch with the highest score wins.
 * This class offers that as {@link Selection#TEST} (the "reference protocol", to reproduce published numbers),
 * and the honest alternative {@link Selection#VALIDATION}: apply the same rule to validation metrics and report
 * the test metrics of the epoch it picks.
 *
 * <p>Ties inside a column are ranked by epoch order (earlier = lower rank). numpy's default argsort is only stable
 * for short columns, so on exact ties in long runs the reference's pick may differ. NaN ranks highest, as numpy
 * sorts it last.
 */
public final class EpochSelection {
    /** How epochs are scored. */
    public enum Rule {
        /** Rank of the F-score only. */
        F_SCORE,
        /** Rank of the F-score plus rank of Kendall's τ. */
        F_SCORE_PLUS_KENDALL;

        /**
         * The rule a config's {@code selection_rule} names ({@code f_score}, {@code f_score_plus_kendall}). The
         * reference picks it from the config's file name (F only for names containing {@code sm_t} or {@code ts});
         * sspvs never guesses, so each bundled config says what the reference would pick.
         */
        public static Rule of(String selectionRule) {
            return valueOf(selectionRule.toUpperCase(Locale.ROOT));
        }
    }

    /** Which metrics pick the epoch; the reported metrics are always the test metrics. */
    public enum Selection {
        /** The reference protocol: pick on the test metrics themselves. */
        TEST,
        /** Pick on validation metrics. */
        VALIDATION;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private EpochSelection() {}

    /** Index of the best row under {@code rule}: the first row with the highest rank score. */
    public static int best(List<EpochMetrics> rows, Rule rule) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no epochs to choose from");
        }
        int[] fRank = ranks(rows, Comparator.comparingDouble(EpochMetrics::fScore));
        int[] score = fRank;
        if (rule == Rule.F_SCORE_PLUS_KENDALL) {
            int[] tauRank = ranks(rows, Comparator.comparingDouble(EpochMetrics::kendall));
            score = new int[rows.size()];
            for (int i = 0; i < score.length; i++) {
                score[i] = fRank[i] + tauRank[i];
            }
        }
        int best = 0;
        for (int i = 1; i < score.length; i++) {
            if (score[i] > score[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The test metrics to report for one split: the epoch is chosen on {@code selectOn} (the test rows themselves
     * for {@link Selection#TEST}, validation rows for {@link Selection#VALIDATION}) and read from {@code test}.
     * Both lists hold the same epochs in the same order.
     */
    public static EpochMetrics choose(List<EpochMetrics> test, List<EpochMetrics> selectOn, Rule rule) {
        if (test.size() != selectOn.size()) {
            throw new IllegalArgumentException(test.size() + " test epochs but " + selectOn.size()
                    + " selection epochs");
        }
        for (int i = 0; i < test.size(); i++) {
            if (test.get(i).epoch() != selectOn.get(i).epoch()) {
                throw new IllegalArgumentException("epoch lists differ at row " + i);
            }
        }
        return test.get(best(selectOn, rule));
    }

    /**
     * {@link #choose} for every split: {@code test.get(k)} and {@code selectOn.get(k)} are split k's epoch rows.
     * Pass {@code selectOn == test} for the reference protocol.
     */
    public static List<EpochMetrics> chooseAll(List<List<EpochMetrics>> test, List<List<EpochMetrics>> selectOn,
            Rule rule) {
        if (test.size() != selectOn.size()) {
            throw new IllegalArgumentException(test.size() + " test splits but " + selectOn.size()
                    + " selection splits");
        }
        List<EpochMetrics> chosen = new ArrayList<>();
        for (int k = 0; k < test.size(); k++) {
            chosen.add(choose(test.get(k), selectOn.get(k), rule));
        }
        return chosen;
    }

    /** 0-based ascending position of each row (ties by row order; NaN last). */
    static int[] ranks(List<EpochMetrics> rows, Comparator<EpochMetrics> order) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> order.compare(rows.get(a), rows.get(b))); // List.sort is stable
        int[] rank = new int[rows.size()];
        for (int pos = 0; pos < idx.size(); pos++) {
            rank[idx.get(pos)] = pos;
        }
        return rank;
    }
}
