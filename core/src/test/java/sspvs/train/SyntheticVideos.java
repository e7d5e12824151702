package sspvs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sspvs.data.VideoRecord;

/** Small fake videos whose gtscore is a smooth function of the features: a signal a model can learn. */
final class SyntheticVideos {
    private SyntheticVideos() {}

    static List<VideoRecord> make(int count, int minSteps, int maxSteps, int d, long seed) {
        Random random = new Random(seed);
        List<VideoRecord> videos = new ArrayList<>();
        for (int v = 0; v < count; v++) {
            int t = minSteps + random.nextInt(maxSteps - minSteps + 1);
            float[][] features = new float[t][d];
            float[] gt = new float[t];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < d; j++) {
                    features[i][j] = (float) random.nextGaussian();
                }
                gt[i] = (float) (1 + 4 / (1 + Math.exp(-2 * features[i][0])));
            }
            videos.add(new VideoRecord("video_" + (v + 1), "synthetic " + v, features, gt, new float[t],
                    new float[0][0], null, new int[0][0], new int[0], t, new int[t]));
        }
        return videos;
    }
}
