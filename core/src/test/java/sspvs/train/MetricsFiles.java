package sspvs.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** metrics.csv as tests compare it: without peak_rss_mb (the last column), which differs from run to run. */
final class MetricsFiles {
    private MetricsFiles() {}

    static String withoutMemory(Path metricsCsv) throws IOException {
        return Files.readAllLines(metricsCsv).stream().map(line -> line.substring(0, line.lastIndexOf(',')))
                .collect(Collectors.joining("\n"));
    }
}
