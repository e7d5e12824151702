package sspvs.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import sspvs.data.VideoRecord;

/**
 * Turns the training videos into one epoch of batches the way the reference's data loader does: the key list
 * repeated {@code setMultiply} times ([a, b, a, b], not [a, a, b, b]), taken in order (no shuffle), each video cut
 * to a random window of {@code maxVideo} steps when it is at least that long, otherwise zero-padded (features and
 * gtscore) to {@code maxVideo}; consecutive samples grouped into batches, the last one possibly smaller.
 *
 * <p>The crop start is uniform over {@code [0, T − maxVideo]} from the given {@link Random}; only crops draw from
 * it, so equal seeds give equal windows.
 *
 * <p>With text guidance each sample also carries its video's training token ids (fixed length, see
 * {@link sspvs.text.TextInputBuilder#forTraining}), so they stack into a [B, L] batch.
 */
public final class TrainingWindows {
    private final int maxVideo;
    private final int batchSize;
    private final int setMultiply;

    /**
     * One batch: features [B][maxVideo][d], gtscore [B][maxVideo] and, with text guidance, token ids [B][L]
     * (null without).
     */
    public record Batch(float[][][] features, float[][] gtscore, long[][] textIds) {
        public Batch(float[][][] features, float[][] gtscore) {
            this(features, gtscore, null);
        }

        public int size() {
            return features.length;
        }
    }

    public TrainingWindows(int maxVideo, int batchSize, int setMultiply) {
        if (maxVideo < 1 || batchSize < 1 || setMultiply < 1) {
            throw new IllegalArgumentException("maxVideo, batchSize and setMultiply must be positive");
        }
        this.maxVideo = maxVideo;
        this.batchSize = batchSize;
        this.setMultiply = setMultiply;
    }

    /** Number of batches per epoch for {@code videos} training videos. */
    public int batchesPerEpoch(int videos) {
        return (videos * setMultiply + batchSize - 1) / batchSize;
    }

    /** The batches of one epoch, drawing crop starts from {@code random}. */
    public List<Batch> epoch(List<VideoRecord> videos, Random random) {
        return epoch(videos, null, random);
    }

    /**
     * The batches of one epoch with each video's text ids from {@code textIds} (by video key, all one length; null
     * for no text), drawing crop starts from {@code random}.
     */
    public List<Batch> epoch(List<VideoRecord> videos, Map<String, long[]> textIds, Random random) {
        List<VideoRecord> order = new ArrayList<>();
        for (int r = 0; r < setMultiply; r++) {
            order.addAll(videos);
        }
        List<Batch> batches = new ArrayList<>();
        for (int start = 0; start < order.size(); start += batchSize) {
            int n = Math.min(batchSize, order.size() - start);
            float[][][] features = new float[n][][];
            float[][] gt = new float[n][];
            long[][] ids = textIds == null ? null : new long[n][];
            for (int b = 0; b < n; b++) {
                VideoRecord video = order.get(start + b);
                Window w = window(video, random);
                features[b] = w.features;
                gt[b] = w.gtscore;
                if (ids != null) {
                    ids[b] = textIds.get(video.key());
                    if (ids[b] == null) {
                        throw new IllegalArgumentException("no text ids for training video " + video.key());
                    }
                    if (ids[b].length != ids[0].length) {
                        throw new IllegalArgumentException("training text ids must share one length: "
                                + ids[0].length + " and " + ids[b].length + " (video " + video.key() + ")");
                    }
                }
            }
            batches.add(new Batch(features, gt, ids));
        }
        return batches;
    }

    private record Window(float[][] features, float[] gtscore) {}

    private Window window(VideoRecord video, Random random) {
        int t = video.steps();
        int d = video.features()[0].length;
        if (t >= maxVideo) {
            int from = random.nextInt(t - maxVideo + 1);
            float[][] f = new float[maxVideo][];
            System.arraycopy(video.features(), from, f, 0, maxVideo);
            float[] g = new float[maxVideo];
            System.arraycopy(video.gtscore(), from, g, 0, maxVideo);
            return new Window(f, g);
        }
        float[][] f = new float[maxVideo][];
        for (int i = 0; i < maxVideo; i++) {
            f[i] = i < t ? video.features()[i] : new float[d];
        }
        float[] g = new float[maxVideo];
        System.arraycopy(video.gtscore(), 0, g, 0, t);
        return new Window(f, g);
    }
}
