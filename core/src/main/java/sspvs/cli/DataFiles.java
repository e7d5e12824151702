package sspvs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.UserException;
import sspvs.data.Eccv16File;
import sspvs.data.VideoRecord;
import sspvs.eval.Metric;
import sspvs.eval.MetricChoice;

/** Reads every video of an eccv16 HDF5 file for the commands that evaluate whole files. */
final class DataFiles {
    /** A file's videos in its key order, with what the file says about its metric. */
    record Loaded(MetricChoice.DataFileMetric metricSource, List<VideoRecord> videos) {
        /**
         * The metric to use ({@code --metric} value or null first, then the file's own) and the one line that says
         * it and why, on {@code err}.
         */
        Metric metric(Metric option, PrintWriter err) {
            MetricChoice choice = MetricChoice.choose(MetricOption.asked(option), null, null, metricSource);
            err.println("sspvs: F over users: " + choice.describe());
            err.flush();
            return choice.metric();
        }
    }

    private DataFiles() {}

    /** Reads every video; the warnings about oddities go to {@code err} (the command's picocli error writer). */
    static Loaded readAll(Path file, PrintWriter err) {
        try (Eccv16File data = Eccv16File.open(file)) {
            List<VideoRecord> videos = new ArrayList<>();
            if (data.keys().isEmpty()) {
                throw new UserException(file + ": holds no videos (no video groups such as video_1; expected an "
                        + "eccv16-layout HDF5 file)");
            }
            for (String key : data.keys()) {
                videos.add(data.read(key));
            }
            // oddities the reference tolerates in real public files: say them once, don't fail
            data.warnings().forEach(w -> err.println("sspvs: warning: " + w));
            err.flush();
            return new Loaded(new MetricChoice.DataFileMetric(file, data.evalMetricAttribute()), videos);
        }
    }
}
