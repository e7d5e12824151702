package sspvs.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The cases of {@code tools/make_stats_fixture.py} (scipy's Wilcoxon, a Python bootstrap). */
record StatsFixture(String name, double[] a, double[] b, int[] strata, long seed, int resamples, double ciLow,
        double ciHigh, double wilcoxonP, String wilcoxonMethod) {

    double[] differences() {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = b[i] - a[i];
        }
        return d;
    }

    static List<StatsFixture> cases() throws IOException {
        try (InputStream in = StatsFixture.class.getResourceAsStream("/sspvs/stats/fixture.json")) {
            List<StatsFixture> out = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
                out.add(new StatsFixture(c.get("name").asText(), doubles(c.get("a")), doubles(c.get("b")),
                        ints(c.get("strata")), c.get("seed").asLong(), c.get("resamples").asInt(),
                        c.get("ci_low").asDouble(), c.get("ci_high").asDouble(), c.get("wilcoxon_p").asDouble(),
                        c.get("wilcoxon_method").asText()));
            }
            return out;
        }
    }

    private static double[] doubles(JsonNode n) {
        double[] out = new double[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode n) {
        int[] out = new int[n.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = n.get(i).asInt();
        }
        return out;
    }
}
