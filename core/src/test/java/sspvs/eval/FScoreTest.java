package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FScoreTest {
    private static final float[][] USERS = {
        {1, 1, 0, 0, 0, 0}, // overlap 1 of machine's 2: P .5, R .5, F .5
        {0, 1, 1, 1, 1, 0}, // overlap 1: P .5, R .25, F 1/3
        {0, 0, 0, 0, 0, 0}, // nothing: P 0, R 0, F 0
    };
    private static final boolean[] MACHINE = {false, true, false, false, false, true};

    @Test
    void avgMeansFPrecisionAndRecallOverUsers() {
        FScore.Result r = FScore.of(MACHINE, USERS, Metric.AVG);
        assertEquals((0.5 + 1 / 3.0) / 3, r.fScore(), 1e-7);
        assertEquals(1.0 / 3, r.precision(), 1e-7);
        assertEquals(0.75 / 3, r.recall(), 1e-7);
    }

    @Test
    void maxTakesTheBestUserWithThatUsersPrecisionAndRecall() {
        FScore.Result r = FScore.of(MACHINE, USERS, Metric.MAX);
        assertEquals(0.5, r.fScore(), 1e-7);
        assertEquals(0.5, r.precision(), 1e-7);
        assertEquals(0.5, r.recall(), 1e-7);
    }

    @Test
    void machineSummaryIsPaddedOrTruncatedToTheUsersLengthAndUserValuesBinarised() {
        float[][] users = {{0, 0, 3, 0.5f}};
        assertEquals(1.0, FScore.of(new boolean[] {false, false, true, true, true, true}, users, Metric.AVG).fScore(),
                1e-7);
        assertEquals(2 / 3.0, FScore.of(new boolean[] {false, false, true}, users, Metric.AVG).fScore(), 1e-7);
    }

    @Test
    void matchesTheReferenceOnGeneratedCases() {
        for (JsonNode c : ReferenceValues.get("f_scores")) {
            int[] m = ReferenceValues.ints(c.get("machine"));
            boolean[] machine = new boolean[m.length];
            for (int i = 0; i < m.length; i++) {
                machine[i] = m[i] > 0;
            }
            float[][] users = new float[c.get("users").size()][];
            for (int u = 0; u < users.length; u++) {
                users[u] = ReferenceValues.floats(c.get("users").get(u));
            }
            FScore.Result r = FScore.of(machine, users, Metric.parse(c.get("metric").asText()));
            assertEquals(c.get("f_score").asDouble(), r.fScore(), 1e-6);
            assertEquals(c.get("precision").asDouble(), r.precision(), 1e-6);
            assertEquals(c.get("recall").asDouble(), r.recall(), 1e-6);
        }
    }
}
