package sspvs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {
    @Test
    void intervalsEqualAnIndependentPythonBootstrapWithTheSameDraws() throws Exception {
        for (StatsFixture c : StatsFixture.cases()) {
            Bootstrap.Interval ci = Bootstrap.meanInterval(c.differences(), c.strata(), c.resamples(), 0.95, c.seed());
            assertEquals(c.ciLow(), ci.low(), 1e-12, c.name());
            assertEquals(c.ciHigh(), ci.high(), 1e-12, c.name());
        }
    }

    @Test
    void resamplesStayWithinTheirStratum() {
        // two strata with constant values: every resample keeps one of each, so the mean never moves
        double[] values = {1, 1, 1, 5};
        Bootstrap.Interval ci = Bootstrap.meanInterval(values, new int[] {0, 0, 0, 1}, 1000, 0.95, 3);
        assertEquals(2.0, ci.low(), 1e-15);
        assertEquals(2.0, ci.high(), 1e-15);
        // without strata the lone 5 is drawn 0 to 4 times
        ci = Bootstrap.meanInterval(values, new int[] {0, 0, 0, 0}, 1000, 0.95, 3);
        assertTrue(ci.low() < 2 && ci.high() > 2, ci.toString());
    }

    @Test
    void theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
        double[] values = {0.1, -0.2, 0.3, 0.05, 0.4, -0.1, 0.2};
        int[] strata = {0, 0, 0, 1, 1, 1, 1};
        assertEquals(Bootstrap.meanInterval(values, strata, 2000, 0.95, 1),
                Bootstrap.meanInterval(values, strata, 2000, 0.95, 1));
        assertFalse(Bootstrap.meanInterval(values, strata, 2000, 0.95, 1)
                .equals(Bootstrap.meanInterval(values, strata, 2000, 0.95, 2)));
    }
}
