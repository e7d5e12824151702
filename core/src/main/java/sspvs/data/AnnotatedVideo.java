package sspvs.data;

/**
 * One video's raw human annotations at full frame rate, before features or shots exist: what
 * {@link TvsumAnnotations} and {@link SummeAnnotations} read and {@link DatasetBuilder} turns into a
 * {@link VideoRecord}.
 *
 * @param key the eccv16 key this video has in the public files ({@code video_<i>}, 1-based)
 * @param name the video's name: the YouTube id for TVSum, the file stem for SumMe
 * @param category TVSum's two-letter category (empty for SumMe)
 * @param title TVSum's title (empty for SumMe)
 * @param nFrames number of frames N
 * @param fps frames per second
 * @param userScores [U][N] each user's per-frame score (TVSum 1..5; SumMe 0/1 selection)
 * @param userSummary [U][N] each user's 0/1 summary, or null where it must be derived (TVSum)
 */
public record AnnotatedVideo(
        String key,
        String name,
        String category,
        String title,
        int nFrames,
        double fps,
        float[][] userScores,
        float[][] userSummary) {

    public int users() {
        return userScores.length;
    }

    /** The mean over users of each frame's score ([N]). */
    public float[] meanUserScore() {
        float[] mean = new float[nFrames];
        for (float[] user : userScores) {
            for (int f = 0; f < nFrames; f++) mean[f] += user[f];
        }
        for (int f = 0; f < nFrames; f++) mean[f] /= userScores.length;
        return mean;
    }
}
