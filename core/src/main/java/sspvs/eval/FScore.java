package sspvs.eval;

/**
 * Agreement of a machine summary with the users' summaries: precision, recall and F per user, combined by
 * {@link Metric#AVG} (mean of F, precision and recall over users, TVSum) or {@link Metric#MAX} (the best user's F,
 * with that user's precision and recall, SumMe).
 *
 * <p>As in the reference: both sides are binarised ({@code > 0}); the machine summary is truncated or zero-padded
 * to the users' frame count; precision = overlap / (machine frames + 1e-8), recall = overlap / (user frames +
 * 1e-8), F = 0 when both are 0. Arithmetic is in double; the reference's float32 arithmetic can differ in the
 * seventh digit. Ties in {@code MAX} go to the first user.
 */
public final class FScore {
    private static final double EPS = 1e-8;

    /** F-score, precision and recall of one video, each in [0, 1]. */
    public record Result(double fScore, double precision, double recall) {}

    private FScore() {}

    public static Result of(boolean[] machine, float[][] userSummary, Metric metric) {
        if (userSummary.length == 0) {
            throw new IllegalArgumentException("no user summaries");
        }
        int n = userSummary[0].length;
        int machineCount = 0;
        int shared = Math.min(n, machine.length);
        for (int f = 0; f < shared; f++) {
            if (machine[f]) {
                machineCount++;
            }
        }
        double sumF = 0, sumP = 0, sumR = 0;
        Result best = null;
        for (float[] user : userSummary) {
            int userCount = 0;
            int overlap = 0;
            for (int f = 0; f < user.length; f++) {
                if (user[f] > 0) {
                    userCount++;
                    if (f < shared && machine[f]) {
                        overlap++;
                    }
                }
            }
            double precision = overlap / (machineCount + EPS);
            double recall = overlap / (userCount + EPS);
            double f = precision == 0 && recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            sumF += f;
            sumP += precision;
            sumR += recall;
            if (best == null || f > best.fScore()) {
                best = new Result(f, precision, recall);
            }
        }
        int users = userSummary.length;
        return switch (metric) {
            case AVG -> new Result(sumF / users, sumP / users, sumR / users);
            case MAX -> best;
        };
    }
}
