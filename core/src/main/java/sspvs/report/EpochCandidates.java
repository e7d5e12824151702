package sspvs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Which epochs can still be chosen by {@link EpochSelection#best} once more epochs have been added, so that a run
 * keeps on disk only the checkpoints of those.
 *
 * <p>Within one column, {@link EpochSelection}'s ranks order two epochs the same way however many rows follow:
 * the higher value ranks above, equal values rank by epoch (the later above), NaN above every number. So if epoch
 * j ranks above epoch i in every column the rule sums, j's score stays strictly above i's and i can never win.
 * The survivors are the epochs no other epoch beats in that sense: for {@link EpochSelection.Rule#F_SCORE} the one
 * best-so-far epoch, for {@link EpochSelection.Rule#F_SCORE_PLUS_KENDALL} the Pareto front in (F, τ). The final
 * winner is always among them.
 */
public final class EpochCandidates {
    private EpochCandidates() {}

    /** Indices (in {@code rows}) of the epochs that may still win, ascending. */
    public static List<Integer> survivors(List<EpochMetrics> rows, EpochSelection.Rule rule) {
        List<Integer> alive = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            boolean beaten = false;
            for (int j = 0; j < rows.size() && !beaten; j++) {
                beaten = j != i && above(rows, j, i, true)
                        && (rule == EpochSelection.Rule.F_SCORE || above(rows, j, i, false));
            }
            if (!beaten) {
                alive.add(i);
            }
        }
        return alive;
    }

    /** Whether row j ranks above row i in the F column ({@code f}) or the τ column. */
    private static boolean above(List<EpochMetrics> rows, int j, int i, boolean f) {
        double a = f ? rows.get(j).fScore() : rows.get(j).kendall();
        double b = f ? rows.get(i).fScore() : rows.get(i).kendall();
        int c = Double.compare(a, b); // NaN above every number, as numpy sorts it last
        if (Double.isNaN(a) && Double.isNaN(b)) {
            c = 0;
        }
        return c > 0 || (c == 0 && j > i);
    }
}
