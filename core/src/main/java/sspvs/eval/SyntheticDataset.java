package sspvs.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import sspvs.data.VideoRecord;

/**
 * Generated videos shaped like TVSum, for benchmarks and tests that must run without the real files.
 *
 * <p>Each video has the real TVSum frame count (the 50 {@code nframes} of {@code ydata-tvsum50.mat}, in order), a
 * pick every 15 frames, shots of 2–8 s at 30 fps, and per user integer scores 1–5 constant over 2-second blocks
 * (as TVSum annotators rated), correlated with a shared per-shot interest so users agree somewhat. Each user's
 * summary is that user's knapsack summary (15 %), as in the eccv16 files. {@code gtscore} is the users' mean
 * score at each pick, scaled to [0, 1]. Features are empty rows (dimension 0): evaluation never reads them.
 */
public final class SyntheticDataset {
    /** TVSum {@code nframes}, video 1 to 50. */
    public static final int[] TVSUM_FRAMES = {
        10597, 4688, 14019, 7210, 3327, 9671, 4468, 9870, 7010, 3995,
        4700, 13511, 3532, 4853, 4324, 9534, 5846, 9731, 5742, 6241,
        19406, 5661, 5631, 4356, 6580, 3312, 10917, 8281, 17527, 4005,
        5412, 3802, 13365, 3705, 4463, 7959, 4009, 2941, 4165, 11414,
        8073, 5939, 4931, 4304, 2500, 15307, 4740, 3896, 5971, 6912,
    };

    private SyntheticDataset() {}

    /** 50 TVSum-sized videos, keys {@code video_1 … video_50}, 20 users each. */
    public static List<VideoRecord> tvsumSized(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<VideoRecord> videos = new ArrayList<>();
        for (int i = 0; i < TVSUM_FRAMES.length; i++) {
            videos.add(video("video_" + (i + 1), TVSUM_FRAMES[i], 20, rng.split()));
        }
        return videos;
    }

    /** One generated video. */
    public static VideoRecord video(String key, int nFrames, int users, SplittableRandom rng) {
        List<int[]> shots = new ArrayList<>();
        for (int start = 0; start < nFrames; ) {
            int end = Math.min(nFrames - 1, start + 60 + rng.nextInt(180) - 1);
            shots.add(new int[] {start, end});
            start = end + 1;
        }
        int[][] changePoints = shots.toArray(new int[0][]);
        int[] nFramePerSeg = new int[changePoints.length];
        for (int s = 0; s < changePoints.length; s++) {
            nFramePerSeg[s] = changePoints[s][1] - changePoints[s][0] + 1;
        }
        int blocks = (nFrames + 59) / 60;
        double[] interest = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            interest[b] = rng.nextDouble();
        }
        float[][] userScores = new float[users][nFrames];
        float[][] userSummary = new float[users][];
        SummaryBuilder builder = new SummaryBuilder();
        for (int u = 0; u < users; u++) {
            for (int b = 0; b < blocks; b++) {
                double noisy = 0.6 * interest[b] + 0.4 * rng.nextDouble();
                float score = 1 + (float) Math.min(4, Math.floor(noisy * 5));
                java.util.Arrays.fill(userScores[u], b * 60, Math.min(nFrames, b * 60 + 60), score);
            }
            boolean[] summary = builder.build(userScores[u], changePoints, nFramePerSeg, nFrames).frames();
            userSummary[u] = new float[nFrames];
            for (int f = 0; f < nFrames; f++) {
                userSummary[u][f] = summary[f] ? 1f : 0f;
            }
        }
        int steps = (nFrames + 14) / 15;
        int[] picks = new int[steps];
        float[] gtscore = new float[steps];
        for (int t = 0; t < steps; t++) {
            picks[t] = t * 15;
            double sum = 0;
            for (int u = 0; u < users; u++) {
                sum += userScores[u][picks[t]];
            }
            gtscore[t] = (float) ((sum / users - 1) / 4);
        }
        return new VideoRecord(key, key, new float[steps][0], gtscore, new float[steps], userSummary, userScores,
                changePoints, nFramePerSeg, nFrames, picks);
    }
}
