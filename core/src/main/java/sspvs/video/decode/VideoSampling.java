package sspvs.video.decode;

/**
 * The outcome of one decoding pass: which frames were sampled, in the eccv16 files' terms.
 *
 * @param info        what the file declared
 * @param frameCount  the number of video frames in the stream ({@code n_frames}), decoded or skipped
 * @param framesSkipped how many of them were left undecoded because nothing needed them
 * @param framesDamaged how many decoded frames FFmpeg flagged as damaged (concealed errors in the stream)
 * @param picks       for each sampled step, the 0-based index of the decoded frame used ({@code picks})
 * @param sampleTimes for each step, its sampling time in seconds from the first frame
 */
public record VideoSampling(VideoInfo info, int frameCount, int framesSkipped, int framesDamaged,
        int[] picks, double[] sampleTimes) {
    /** Number of sampled steps ({@code n_steps}). */
    public int steps() {
        return picks.length;
    }
}
