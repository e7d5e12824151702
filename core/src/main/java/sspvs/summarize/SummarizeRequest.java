package sspvs.summarize;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One video to summarise.
 *
 * @param video the video file
 * @param outDir where the outputs go (all or nothing: see {@link SummarizePipeline#summarize})
 * @param ratio share of the video's frames the summary may keep, in (0, 1]
 * @param featuresFileOrNull an earlier run's features.h5 to reuse instead of decoding, or null
 * @param listener where progress and warnings go
 */
public record SummarizeRequest(Path video, Path outDir, double ratio, Path featuresFileOrNull,
        ProgressListener listener) {
    /** The default share of frames kept, as in the benchmarks. */
    public static final double DEFAULT_RATIO = 0.15;

    public SummarizeRequest {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(outDir, "outDir");
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("the ratio must be in (0, 1], got " + ratio);
        }
        listener = listener == null ? ProgressListener.NONE : listener;
    }

    /** A request with the default ratio, no features file and no progress. */
    public static SummarizeRequest of(Path video, Path outDir) {
        return new SummarizeRequest(video, outDir, DEFAULT_RATIO, null, ProgressListener.NONE);
    }

    public SummarizeRequest withRatio(double value) {
        return new SummarizeRequest(video, outDir, value, featuresFileOrNull, listener);
    }

    public SummarizeRequest withFeaturesFile(Path file) {
        return new SummarizeRequest(video, outDir, ratio, file, listener);
    }

    public SummarizeRequest withListener(ProgressListener value) {
        return new SummarizeRequest(video, outDir, ratio, featuresFileOrNull, value);
    }
}
