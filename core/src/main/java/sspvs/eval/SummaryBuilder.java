package sspvs.eval;

import sspvs.data.VideoRecord;
import sspvs.knapsack.Knapsack;

/**
 * Frame scores and shots to a machine summary: shot scores (mean frame score per shot), a 0/1 knapsack that keeps
 * the most valuable shots within {@code ratio} of the frames, and a per-frame 0/1 flag.
 *
 * <p>The same builder serves evaluation and the end-user video pipeline, so both make the same summary.
 *
 * <p>Reference behaviour kept on purpose: the capacity is {@code floor(nFrames × ratio)}; shot weights are
 * {@code n_frame_per_seg}; and the per-frame summary is the concatenation, shot after shot, of
 * {@code n_frame_per_seg[s]} flags — not a painting of the {@code change_points} ranges. Where the two disagree
 * (a gap or overlap between shots, or segment lengths not matching their ranges) the flags drift from the shot
 * boundaries exactly as in the reference, and the summary's length is the sum of the segment lengths.
 */
public final class SummaryBuilder {
    /** The fraction of frames a summary may keep in the usual protocol. */
    public static final double DEFAULT_RATIO = 0.15;

    private final double ratio;

    public SummaryBuilder(double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("summary ratio must be in (0, 1], got " + ratio);
        }
        this.ratio = ratio;
    }

    public SummaryBuilder() {
        this(DEFAULT_RATIO);
    }

    public double ratio() {
        return ratio;
    }

    /** The frame budget for a video of {@code nFrames} frames: {@code floor(nFrames × ratio)}. */
    public int capacity(int nFrames) {
        return (int) Math.floor(nFrames * ratio);
    }

    /** Summary of a video from its frame scores ({@link FrameScores#upsample}). */
    public Summary build(VideoRecord video, float[] frameScores) {
        return build(frameScores, video.changePoints(), video.nFramePerSeg(), video.nFrames());
    }

    /**
     * Summary from frame scores and shots.
     *
     * @param frameScores one score per frame
     * @param changePoints inclusive {@code [start, end]} frame range of each shot
     * @param nFramePerSeg frames per shot (the knapsack weights and the lengths concatenated into the summary)
     * @param nFrames frames in the video (sets the capacity)
     */
    public Summary build(float[] frameScores, int[][] changePoints, int[] nFramePerSeg, int nFrames) {
        if (changePoints.length != nFramePerSeg.length) {
            throw new IllegalArgumentException(changePoints.length + " change points but " + nFramePerSeg.length
                    + " segment lengths");
        }
        float[] shotScores = FrameScores.shotMeans(frameScores, changePoints);
        int capacity = capacity(nFrames);
        Knapsack.Solution solution = Knapsack.solve(Knapsack.scaledValues(shotScores), nFramePerSeg, capacity);
        boolean[] selected = solution.selected();
        int length = 0;
        for (int nf : nFramePerSeg) {
            length += nf;
        }
        boolean[] frames = new boolean[length];
        int at = 0;
        for (int s = 0; s < nFramePerSeg.length; s++) {
            if (selected[s]) {
                java.util.Arrays.fill(frames, at, at + nFramePerSeg[s], true);
            }
            at += nFramePerSeg[s];
        }
        return new Summary(shotScores, selected, frames, capacity);
    }
}
