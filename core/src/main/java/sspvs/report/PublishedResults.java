package sspvs.report;

import java.util.Map;

/**
 * The numbers the SSPVS paper publishes for a config, to set beside a run: Li et al., WACV 2023, as listed for
 * SSPVS and SSPVS(+Text) on Papers with Code's TVSum and SumMe benchmarks (mirrored at
 * https://vercel.hyper.ai/en/papers/2201.02494): canonical F, τ, ρ; augmented F only (its τ and ρ are not listed
 * there); nothing for the transfer setting. F is a fraction here (60.3 % → 0.603), as records.csv writes it.
 */
public final class PublishedResults {
    /** What the paper reports; NaN where it is not published here. */
    public record Numbers(double fScore, double kendall, double spearman, String setting) {}

    public static final String SOURCE = "Li et al., WACV 2023 (SSPVS; +Text for the _tg configs), as listed on Papers "
            + "with Code's TVSum/SumMe benchmarks, mirrored at https://vercel.hyper.ai/en/papers/2201.02494";

    private static final double NA = Double.NaN;
    private static final Map<String, Numbers> BY_CONFIG = Map.of(
            "ts_c", new Numbers(0.603, 0.177, 0.233, "TVSum canonical"),
            "ts_c_tg", new Numbers(0.604, 0.181, 0.238, "TVSum canonical, with text"),
            "ts_a", new Numbers(0.618, NA, NA, "TVSum augmented"),
            "sm_c", new Numbers(0.487, 0.178, 0.240, "SumMe canonical"),
            "sm_c_tg", new Numbers(0.507, 0.192, 0.257, "SumMe canonical, with text"),
            "sm_a", new Numbers(0.504, NA, NA, "SumMe augmented"));

    private PublishedResults() {}

    /** The published numbers of a config ({@code ts_c}, ...), or null when there are none here. */
    public static Numbers forConfig(String configName) {
        return configName == null ? null : BY_CONFIG.get(configName);
    }
}
