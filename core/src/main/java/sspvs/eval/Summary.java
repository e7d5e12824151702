package sspvs.eval;

/**
 * A machine summary: which shots the knapsack kept, and the resulting 0/1 flag per frame.
 *
 * @param shotScores mean frame score of each shot (float, as the knapsack saw it)
 * @param selectedShots one flag per shot
 * @param frames one flag per frame; its length is the sum of {@code n_frame_per_seg}, which need not equal
 *     {@code n_frames} (the F-score pads or truncates it)
 * @param capacity the frame budget the knapsack filled
 */
public record Summary(float[] shotScores, boolean[] selectedShots, boolean[] frames, int capacity) {

    /** Number of frames flagged. */
    public int selectedFrames() {
        int count = 0;
        for (boolean f : frames) {
            if (f) {
                count++;
            }
        }
        return count;
    }
}
