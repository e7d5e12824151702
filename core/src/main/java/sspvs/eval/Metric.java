package sspvs.eval;

import java.util.Locale;

/**
 * How per-user F-scores combine into one per video: TVSum averages over users, SumMe takes the best user. Never
 * guessed from a file name: {@link MetricChoice} says where a run's metric comes from.
 */
public enum Metric {
    AVG,
    MAX;

    /** {@code avg} or {@code max} (any case, surrounding blanks ignored); anything else is an IllegalArgumentException. */
    public static Metric parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** The lower-case name used in configs, options, attributes and JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
