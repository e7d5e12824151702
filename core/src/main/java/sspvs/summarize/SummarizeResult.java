package sspvs.summarize;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link SummarizePipeline#summarize} made for one video.
 *
 * @param outDir the folder now holding every output file
 * @param summary the video facts, shots, scores and choice (what summary.json records)
 * @param seconds wall time per step, in order (decode+features, kts, scoring, ..., write_video, ...)
 */
public record SummarizeResult(Path outDir, VideoSummary summary, Map<String, Double> seconds) {
    public static final String VIDEO = "summary.mp4";
    public static final String SHOTS = "shots.csv";
    public static final String JSON = "summary.json";
    public static final String FEATURES = "features.h5";
    public static final String HTML = "report.html";

    /** Output file {@code name} (one of the constants above) in {@link #outDir}. */
    public Path file(String name) {
        return outDir.resolve(name);
    }
}
