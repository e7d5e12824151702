package sspvs.summarize;

import sspvs.data.Shots;

import sspvs.video.decode.VideoInfo;
import sspvs.video.features.VideoFeatures;

import java.util.List;
import java.util.Map;
import sspvs.eval.Summary;

/**
 * Everything {@link VideoSummarizer} worked out for one video: the features it used, the shots, the scores, the
 * knapsack's choice, a thumbnail per shot, where the model and features came from, and how long each stage took.
 *
 * @param video what the video file declares
 * @param videoSha256 SHA-256 of the video file (hex)
 * @param features the sampled features (decoded now or read from a features file)
 * @param featuresReused whether they came from a features file
 * @param damagedFrames decoded frames FFmpeg flagged as damaged (0 when the features were reused)
 * @param shots KTS shots in frames
 * @param stepScores one model score per sampled step
 * @param frameScores the step scores spread over frames ({@link sspvs.eval.FrameScores#upsample})
 * @param summary the knapsack's selection ({@link sspvs.eval.SummaryBuilder})
 * @param ratio the summary's share of the frames
 * @param shotThumbnails one JPEG per shot (its middle step)
 * @param model where the scores came from
 * @param scoringWindows windows the scores were computed in (1 when the video fits the positional table)
 * @param seconds wall time of each stage, in order (decode+features, kts, scoring, summary, ...)
 */
public record VideoSummary(VideoInfo video, String videoSha256, VideoFeatures features, boolean featuresReused,
        int damagedFrames, Shots shots, float[] stepScores, float[] frameScores, Summary summary, double ratio,
        List<byte[]> shotThumbnails, ModelProvenance model, int scoringWindows, Map<String, Double> seconds) {

    /**
     * The checkpoint that scored the video.
     *
     * @param file the checkpoint's file name
     * @param sha256 its SHA-256 (hex)
     * @param origin who wrote it ({@code SSPVS} or {@code REFERENCE})
     * @param architecture the model's size, e.g. {@code d=1024 heads=8 ffn=4096 layers=3 stages=4}
     * @param loadReport the non-strict load's summary
     * @param scoreHeadsUntrained true when the checkpoint lacked the score heads (scores are meaningless)
     */
    public record ModelProvenance(String file, String sha256, String origin, String architecture, String loadReport,
            boolean scoreHeadsUntrained) {}

    /** Frames per second used for times (the features' nominal rate). */
    public double fps() {
        return features.fps() > 0 ? features.fps() : 30;
    }

    /** Start time of frame {@code f}, seconds: {@code frame / fps} at a constant rate ({@link FrameClock}). */
    public double secondsOf(int frame) {
        return FrameClock.of(features, fps()).seconds(frame);
    }

    /** The chosen shots as [start, end) seconds, in order. */
    public List<double[]> selectedRanges() {
        List<double[]> ranges = new java.util.ArrayList<>();
        int[][] cps = shots.changePoints();
        for (int s = 0; s < cps.length; s++) {
            if (summary.selectedShots()[s]) {
                ranges.add(new double[] {secondsOf(cps[s][0]), secondsOf(cps[s][1] + 1)});
            }
        }
        return ranges;
    }

    /** Total length of the chosen shots, seconds. */
    public double selectedSeconds() {
        return selectedRanges().stream().mapToDouble(r -> r[1] - r[0]).sum();
    }
}
