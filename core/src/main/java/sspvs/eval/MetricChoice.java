package sspvs.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;

/**
 * The metric a command uses and why, in one line ({@link #describe()}). The sources, first that says wins: what the
 * front end was asked for (the CLI's {@code --metric}, with its own reason), the config's {@code eval_metric}, the data file's {@code eval_metric} attribute (written
 * by {@code sspvs dataset build}), and the public files under their exact published names. A file with none of
 * these is an error asking for the metric ({@link UserException.Remedy#METRIC}): the reference picks avg when the name contains "tvsum", which
 * turned a TVSum file copied to {@code mydata.h5} into max (F 0.839 instead of 0.616).
 */
public record MetricChoice(Metric metric, String reason) {
    /** The root attribute of an eccv16 file that names its metric ({@code avg} or {@code max}). */
    public static final String ATTRIBUTE = sspvs.data.Eccv16File.EVAL_METRIC_ATTRIBUTE;

    /** The public files, by exact name, with the metric their papers evaluate them with. */
    public static final Map<String, Metric> PUBLISHED = Map.of(
            "tvsum.h5", Metric.AVG,
            "summe.h5", Metric.MAX,
            "eccv16_dataset_tvsum_google_pool5.h5", Metric.AVG,
            "eccv16_dataset_summe_google_pool5.h5", Metric.MAX);

    /** A data file's own say: its attribute value (null when absent) and its path. */
    public record DataFileMetric(Path file, String attribute) {}

    /** {@code avg (why)}, for the line every command prints. */
    public String describe() {
        return metric.label() + " (" + reason + ")";
    }

    /** The choice for one data file; {@code asked} (a front end's choice and reason) and {@code configured} may be null. */
    public static MetricChoice choose(MetricChoice asked, Metric configured, String configName, DataFileMetric file) {
        return choose(asked, configured, configName, List.of(file));
    }

    /**
     * The choice for a run over several data files (those holding its test videos); they must agree when neither
     * the option nor the config says.
     */
    public static MetricChoice choose(MetricChoice asked, Metric configured, String configName,
            List<DataFileMetric> files) {
        if (asked != null) {
            return asked;
        }
        if (configured != null) {
            return new MetricChoice(configured, "eval_metric in config " + configName);
        }
        Map<Metric, MetricChoice> byMetric = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (DataFileMetric f : files) {
            MetricChoice c = ofFile(f);
            if (c == null) {
                unknown.add(f.file().getFileName().toString());
            } else {
                byMetric.putIfAbsent(c.metric(), c);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UserException(String.join(", ", unknown) + ": no metric recorded (no '" + ATTRIBUTE
                    + "' attribute and not a published file name such as tvsum.h5): the metric must be given, avg "
                    + "(TVSum-style ratings) or max (SumMe-style selections)", UserException.Remedy.METRIC);
        }
        if (byMetric.size() > 1) {
            throw new UserException("the data files disagree on the metric (" + byMetric.values().stream()
                    .map(MetricChoice::describe).toList() + "): the metric must be given, e.g. as eval_metric in "
                    + "the config", UserException.Remedy.METRIC);
        }
        return byMetric.values().iterator().next();
    }

    private static MetricChoice ofFile(DataFileMetric f) {
        String name = f.file().getFileName().toString();
        if (f.attribute() != null) {
            try {
                return new MetricChoice(Metric.parse(f.attribute()), "the " + ATTRIBUTE + " attribute of " + name);
            } catch (IllegalArgumentException e) {
                throw new UserException(f.file() + ": attribute '" + ATTRIBUTE + "' must be avg or max, got '"
                        + f.attribute() + "'");
            }
        }
        Metric published = PUBLISHED.get(name);
        return published == null ? null : new MetricChoice(published, name + " is a published file, evaluated with "
                + published.label() + " as in its paper");
    }
}
