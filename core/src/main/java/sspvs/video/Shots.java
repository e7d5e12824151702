package sspvs.video;

import java.util.Arrays;

/**
 * Shots as frame ranges, in the eccv16 files' convention: {@code changePoints[s] = {first frame, last frame}}
 * (inclusive, 0-based) and {@code nFramePerSeg[s]} frames in shot {@code s}; the shots tile
 * {@code 0 .. nFrames-1} without gaps.
 *
 * @param changePoints [S][2] inclusive frame ranges ({@code change_points})
 * @param nFramePerSeg [S] frames per shot ({@code n_frame_per_seg})
 */
public record Shots(int[][] changePoints, int[] nFramePerSeg) {

    /**
     * Maps a segmentation of sampled steps back to frames: a shot starts at the frame sampled for its first
     * step ({@code picks}) — the first shot at frame 0 — and ends just before the next shot starts, the last
     * at {@code nFrames - 1}.
     *
     * @param segmentation the step-level segmentation
     * @param picks        the decoded frame index of every step (increasing)
     * @param nFrames      the number of decoded frames
     */
    public static Shots fromSteps(KernelTemporalSegmentation.Segmentation segmentation, int[] picks, int nFrames) {
        if (picks.length != segmentation.steps()) {
            throw new IllegalArgumentException(picks.length + " picks for " + segmentation.steps() + " steps");
        }
        int[] cps = segmentation.changePoints();
        java.util.List<int[]> ranges = new java.util.ArrayList<>();
        int start = 0;
        for (int s = 0; s <= cps.length; s++) {
            int end = s == cps.length ? nFrames : picks[cps[s]];
            if (end <= start) {
                continue; // steps that share a frame (a gap in variable-rate video): no empty shot
            }
            ranges.add(new int[] {start, end - 1});
            start = end;
        }
        if (start != nFrames) {
            throw new IllegalArgumentException("picks run past the " + nFrames + " frames");
        }
        int[][] changePoints = ranges.toArray(new int[0][]);
        int[] lengths = new int[changePoints.length];
        for (int s = 0; s < lengths.length; s++) {
            lengths[s] = changePoints[s][1] - changePoints[s][0] + 1;
        }
        return new Shots(changePoints, lengths);
    }

    /** Number of shots. */
    public int count() {
        return nFramePerSeg.length;
    }

    @Override
    public String toString() {
        return "Shots" + Arrays.deepToString(changePoints);
    }
}
