package sspvs.eval;

import java.util.Locale;

/** How per-user F-scores combine into one per video: TVSum averages over users, SumMe takes the best user. */
public enum Metric {
    AVG,
    MAX;

    /** The reference's rule: a dataset named like TVSum evaluates with {@code avg}, anything else with {@code max}. */
    public static Metric defaultFor(String datasetName) {
        return datasetName.toLowerCase(Locale.ROOT).contains("tvsum") ? AVG : MAX;
    }

    public static Metric parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
