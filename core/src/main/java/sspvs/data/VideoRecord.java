package sspvs.data;

/**
 * One video of an eccv16-layout HDF5 file (group {@code video_N}), with every field the method uses.
 *
 * <p>Shapes: {@code features} [T][D] (one row per entry of {@code picks}, 2 fps), {@code gtscore} and
 * {@code gtsummary} [T], {@code userSummary} [U][N] (N = {@code nFrames}), {@code userScores} [U][N] or null
 * when the file has none, {@code changePoints} [S][2] inclusive frame ranges, {@code nFramePerSeg} [S],
 * {@code picks} [T] ascending frame indices. Arrays are shared, not copied: treat them as read-only.
 *
 * @param key the group name inside its file, e.g. {@code video_3}
 * @param name the {@code video_name} field (may be empty when the file has none)
 */
public record VideoRecord(
        String key,
        String name,
        float[][] features,
        float[] gtscore,
        float[] gtsummary,
        float[][] userSummary,
        float[][] userScores,
        int[][] changePoints,
        int[] nFramePerSeg,
        int nFrames,
        int[] picks) {

    /** Number of feature steps T. */
    public int steps() {
        return features.length;
    }

    /** Number of users U who annotated the video. */
    public int users() {
        return userSummary.length;
    }

    public boolean hasUserScores() {
        return userScores != null;
    }
}
