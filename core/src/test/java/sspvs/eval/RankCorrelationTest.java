package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {

    @Test
    void tiedDataGivesHandComputedTauBAndRho() {
        // pairs: 3 concordant, 0 discordant, 1 tied in x, 2 tied in y -> tau_b = 3 / sqrt(5 * 4)
        // average ranks x (1, 2.5, 2.5, 4), y (1.5, 1.5, 3.5, 3.5) -> rho = 3 / sqrt(4.5 * 4)
        float[] x = {1, 2, 2, 3};
        float[] y = {1, 1, 2, 2};
        assertEquals(3 / Math.sqrt(20), RankCorrelation.kendall(x, y), 1e-15);
        assertEquals(3 / Math.sqrt(18), RankCorrelation.spearman(x, y), 1e-15);
    }

    @Test
    void discordantTiedDataGivesHandComputedValues() {
        // x = (3, 1, 2, 2), y = (1, 2, 2, 3): concordant (1,3); discordant (0,1), (0,2), (0,3);
        // tied in x (2,3), tied in y (1,2) -> tau_b = (1 - 3) / sqrt(5 * 5)
        float[] x = {3, 1, 2, 2};
        float[] y = {1, 2, 2, 3};
        assertEquals(-2 / 5.0, RankCorrelation.kendall(x, y), 1e-15);
        // ranks x (4, 1, 2.5, 2.5) centred (1.5, -1.5, 0, 0); y (1, 2.5, 2.5, 4) centred (-1.5, 0, 0, 1.5)
        // cov = -2.25, ss = 4.5 each -> rho = -0.5
        assertEquals(-0.5, RankCorrelation.spearman(x, y), 1e-15);
    }

    @Test
    void matchesScipyOnGeneratedTiedCases() {
        for (JsonNode c : ReferenceValues.get("correlations")) {
            float[] x = ReferenceValues.floats(c.get("x"));
            float[] y = ReferenceValues.floats(c.get("y"));
            assertEquals(c.get("kendall").asDouble(), RankCorrelation.kendall(x, y), 1e-12, "n=" + x.length);
            assertEquals(c.get("spearman").asDouble(), RankCorrelation.spearman(x, y), 1e-12, "n=" + x.length);
        }
    }

    @Test
    void matchesCommonsMathOnLongVectorsIncludingTheFallbackPath() {
        Random rng = new Random(3);
        for (int trial = 0; trial < 6; trial++) {
            int n = 3000 + rng.nextInt(3000);
            float[] x = new float[n];
            float[] y = new float[n];
            boolean continuous = trial >= 3; // both continuous: joint table too large, fallback
            for (int i = 0; i < n; i++) {
                x[i] = continuous ? rng.nextFloat() : rng.nextInt(200) / 7f;
                y[i] = continuous ? rng.nextFloat() + x[i] : 1 + rng.nextInt(5);
            }
            double[] dx = toDouble(x);
            double[] dy = toDouble(y);
            assertEquals(new KendallsCorrelation().correlation(dx, dy), RankCorrelation.kendall(x, y), 1e-12);
            SpearmansCorrelation spearman =
                    new SpearmansCorrelation(new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE));
            assertEquals(spearman.correlation(dx, dy), RankCorrelation.spearman(x, y), 1e-12);
        }
    }

    @Test
    void hashingAndSortingRankTheSame() {
        Random rng = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rng.nextInt(3000);
            int levels = 1 + rng.nextInt(trial < 25 ? 6 : 4000);
            float[] x = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextInt(levels) - levels / 2f; // negatives, zero and -0.0 included
                y[i] = (i / 7) % 5 == 0 ? -0f : rng.nextInt(5);
            }
            RankCorrelation.Ranked hashed = RankCorrelation.rankFewValues(x);
            RankCorrelation.Ranked sorted = RankCorrelation.rankBySorting(x);
            assertEquals(sorted.levels(), hashed.levels());
            RankCorrelation.Ranked other = RankCorrelation.rankBySorting(y);
            assertEquals(RankCorrelation.correlate(sorted, other), RankCorrelation.correlate(hashed, other));
            assertEquals(RankCorrelation.correlate(other, sorted), RankCorrelation.correlate(other, hashed));
        }
        float[] manyValues = new float[5000];
        for (int i = 0; i < manyValues.length; i++) {
            manyValues[i] = i;
        }
        assertEquals(null, RankCorrelation.rankFewValues(manyValues));
    }

    @Test
    void constantInputGivesNaNLikeScipy() {
        float[] constant = {2, 2, 2, 2};
        float[] varied = {1, 2, 3, 4};
        assertTrue(Double.isNaN(RankCorrelation.kendall(constant, varied)));
        assertTrue(Double.isNaN(RankCorrelation.spearman(varied, constant)));
    }

    @Test
    void negativeZeroTiesWithZero() {
        float[] x = {-0f, 0f, 1f};
        float[] y = {1f, 2f, 3f};
        assertEquals(RankCorrelation.kendall(new float[] {0f, 0f, 1f}, y), RankCorrelation.kendall(x, y), 0);
    }

    @Test
    void perfectAgreementAndReversal() {
        float[] x = {0.1f, 0.5f, 0.3f, 0.9f};
        float[] reversed = {-0.1f, -0.5f, -0.3f, -0.9f};
        assertEquals(1.0, RankCorrelation.kendall(x, x), 1e-15);
        assertEquals(-1.0, RankCorrelation.spearman(x, reversed), 1e-15);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
