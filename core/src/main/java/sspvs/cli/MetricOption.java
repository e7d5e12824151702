package sspvs.cli;

import picocli.CommandLine;
import sspvs.eval.Metric;

/** Parses {@code --metric avg|max}; anything else is picocli's one-line usage error naming the allowed values. */
final class MetricOption implements CommandLine.ITypeConverter<Metric> {
    static final String DESCRIPTION = "How F-scores over users combine: avg (TVSum) or max (SumMe). Default: the "
            + "config's eval_metric, else the data file's eval_metric attribute (written by 'sspvs dataset build'), "
            + "else the published files' own (tvsum.h5 avg, summe.h5 max); any other file needs --metric.";

    /** The metric given with {@code --metric} as a choice with its reason; null when the option was not given. */
    static sspvs.eval.MetricChoice asked(Metric option) {
        return option == null ? null : new sspvs.eval.MetricChoice(option, "from --metric");
    }

    @Override
    public Metric convert(String value) {
        try {
            return Metric.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("must be avg or max, got '" + value + "'");
        }
    }
}
