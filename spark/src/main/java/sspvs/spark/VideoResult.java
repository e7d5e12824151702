package sspvs.spark;

import java.util.List;

/**
 * What a batch committed for one video: its row of the {@code videos} table, its rows of the {@code shots} table,
 * and what decides whether a rerun may reuse it. Written as a small JSON file once the video's folder is in place
 * ({@link ResultStore}); the tables are rebuilt from these.
 *
 * @param format {@value #FORMAT}
 * @param optionsSha256 {@link PipelineSpec#fingerprint} of the run that made it
 * @param video the {@code videos} row
 * @param shots the {@code shots} rows (none for a failed video)
 * @param trace for an unexpected failure (a bug, not the file), its stack trace; null otherwise
 */
public record VideoResult(String format, String optionsSha256, VideoRow video, List<ShotRow> shots, String trace) {
    public static final String FORMAT = "sspvs-batch-result 1";
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    /**
     * A row of the {@code videos} table; numbers are null for a failed video.
     *
     * @param path the video's absolute path
     * @param status {@value #OK} or {@value #FAILED}
     * @param error one line saying why it failed, empty when ok
     * @param videoSha256 the checksum of its bytes (null when it could not be read)
     * @param durationS its length, seconds
     * @param fps its frame rate
     * @param frames its frames
     * @param shots the KTS shots found
     * @param keptS the summary's length, seconds
     * @param modelSha256 the checkpoint's checksum
     * @param featureExtractor the feature model, e.g. {@code onnx:googlenet-12.onnx#pool5/7x7_s1_2}
     * @param ratio the summary's share of the frames
     * @param seconds wall time spent on it by the run that made it
     * @param output its folder's absolute path, empty when failed
     */
    public record VideoRow(String path, String status, String error, String videoSha256, Double durationS, Double fps,
            Integer frames, Integer shots, Double keptS, String modelSha256, String featureExtractor, double ratio,
            double seconds, String output) {
        public boolean ok() {
            return OK.equals(status);
        }
    }

    /** A row of the {@code shots} table: shots.csv's row with the video it belongs to. */
    public record ShotRow(String path, String videoSha256, int index, double startS, double endS, int startFrame,
            int endFrame, double score, boolean selected) {}

    public boolean ok() {
        return video.ok();
    }
}
