package sspvs.video.features;

/**
 * One video's sampled features and the facts needed to reuse them without decoding again: what
 * {@code sspvs summarize} stores as {@code features.h5} ({@link FeatureFile}).
 *
 * @param videoName the video's file name
 * @param videoSha256 SHA-256 of the video file (hex), to tell a features file from another video's; may be empty
 * @param features [T][D] one row per sampled step
 * @param picks [T] the decoded frame index of every step (ascending)
 * @param sampleTimes [T] each step's sampling time, seconds after the first frame
 * @param nFrames frames decoded
 * @param fps the video's nominal frame rate
 * @param extractor what made the features (e.g. {@code onnx:googlenet-12.onnx#pool5/7x7_s1_2})
 * @param extractorSha256 SHA-256 of the extractor's model file (hex), empty when there is none
 */
public record VideoFeatures(String videoName, String videoSha256, float[][] features, int[] picks,
        double[] sampleTimes, int nFrames, double fps, String extractor, String extractorSha256) {

    public VideoFeatures {
        if (features.length != picks.length || sampleTimes.length != picks.length) {
            throw new IllegalArgumentException(features.length + " feature rows, " + picks.length + " picks, "
                    + sampleTimes.length + " sample times");
        }
    }

    /** Number of steps T. */
    public int steps() {
        return features.length;
    }

    /** Feature width D. */
    public int dimension() {
        return features.length == 0 ? 0 : features[0].length;
    }
}
