package sspvs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;

class WilcoxonTest {
    @Test
    void pValuesEqualScipys() throws Exception {
        for (StatsFixture c : StatsFixture.cases()) {
            Wilcoxon.Result r = Wilcoxon.test(c.b(), c.a());
            assertEquals(c.wilcoxonP(), r.p(), 1e-9, c.name());
            assertEquals(c.wilcoxonMethod().equals("approx"), !r.exact(), c.name());
        }
    }

    @Test
    void identicalValuesGiveOneWhereCommonsMathWouldCallThemSignificant() {
        double[] a = {0.5, 0.6, 0.7, 0.4, 0.55, 0.62};
        assertEquals(new Wilcoxon.Result(1.0, 0, true), Wilcoxon.test(a, a.clone()));
        assertTrue(new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, a.clone(), true) < 0.05,
                "the reason zeros are dropped first");
    }

    @Test
    void theApproximationCorrectsWhereCommonsMathsDoesNot() throws Exception {
        StatsFixture forty = StatsFixture.cases().stream().filter(c -> c.name().equals("forty_untied")).findFirst()
                .orElseThrow();
        double commons = new WilcoxonSignedRankTest().wilcoxonSignedRankTest(forty.b(), forty.a(), false);
        assertEquals(0.0646, commons, 1e-4);
        assertEquals(0.0665, Wilcoxon.test(forty.b(), forty.a()).p(), 1e-4);
    }
}
