package sspvs.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sspvs.text.TextInputBuilder;

/**
 * Draws the training examples of self-supervised pre-training as the reference's {@code ssl/datasets/video_info.py}
 * does. For one video:
 * <ol>
 *   <li>its features cropped to a uniformly random window of {@code maxVideo} steps, or zero-padded at the end to
 *       {@code maxVideo};</li>
 *   <li>one step to mask, uniform in [0, maxVideo) — it may fall into the padding, and then the frame to predict
 *       is zeros (as in the reference);</li>
 *   <li>with probability 1/2 the video's own text (label 1), otherwise the text of another video drawn uniformly
 *       from the same list (label 0, never the same id);</li>
 *   <li>that text as {@code [CLS] cat [SEP] query [SEP] title [SEP] description [SEP]}, each part a random window
 *       of its maximum length or [PAD]-padded ({@link TextInputBuilder#forSelfSupervised}).</li>
 * </ol>
 * Epochs visit the list repeated {@code repeat} times in order (the reference's data loader does not shuffle).
 */
public final class SslSamples {
    private final VideoTextSource source;
    private final TextInputBuilder text;
    private final int maxVideo;

    /** One example. */
    public record Sample(String video, String textVideo, float[][] features, int maskedPosition, float[] maskedFrame,
            long[] textIds, int label) {}

    /**
     * A batch in the flat row-major form the model takes.
     *
     * @param features [B, T, d]
     * @param maskedFrames [B, d]
     * @param textIds [B][L]
     * @param labels [B], 1 or 0
     */
    public record Batch(int size, int steps, int dim, float[] features, int[] maskedPositions, float[] maskedFrames,
            long[][] textIds, float[] labels) {}

    public SslSamples(VideoTextSource source, TextInputBuilder text, int maxVideo) {
        if (maxVideo < 1) {
            throw new IllegalArgumentException("maxVideo must be positive: " + maxVideo);
        }
        this.source = source;
        this.text = text;
        this.maxVideo = maxVideo;
    }

    public int maxVideo() {
        return maxVideo;
    }

    /** Length of every text input. */
    public int textLength() {
        return text.selfSupervisedLength();
    }

    /** The ids of one epoch in batches: {@code ids} repeated {@code repeat} times, in order, the last batch short. */
    public static List<List<String>> epochBatches(List<String> ids, int repeat, int batchSize) {
        List<String> all = new ArrayList<>(ids.size() * repeat);
        for (int r = 0; r < repeat; r++) {
            all.addAll(ids);
        }
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += batchSize) {
            batches.add(List.copyOf(all.subList(i, Math.min(all.size(), i + batchSize))));
        }
        return batches;
    }

    /** Draws one example for {@code video}; negatives come from {@code pool} (which must hold another id). */
    public Sample sample(String video, List<String> pool, Random random) {
        float[][] raw = source.features(video);
        int d = raw[0].length;
        float[][] window = new float[maxVideo][];
        if (raw.length >= maxVideo) {
            int start = random.nextInt(raw.length - maxVideo + 1);
            System.arraycopy(raw, start, window, 0, maxVideo);
        } else {
            System.arraycopy(raw, 0, window, 0, raw.length);
            float[] zeros = new float[d];
            for (int i = raw.length; i < maxVideo; i++) {
                window[i] = zeros;
            }
        }
        int masked = random.nextInt(maxVideo);
        String textVideo = video;
        int label = 1;
        if (!(random.nextDouble() > 0.5)) {
            label = 0;
            textVideo = otherVideo(video, pool, random);
        }
        long[] ids = text.forSelfSupervised(source.text(textVideo), random);
        return new Sample(video, textVideo, window, masked, window[masked].clone(), ids, label);
    }

    private static String otherVideo(String video, List<String> pool, Random random) {
        for (int tries = 0; tries < 10_000; tries++) {
            String other = pool.get(random.nextInt(pool.size()));
            if (!other.equals(video)) {
                return other;
            }
        }
        throw new IllegalArgumentException("no video other than " + video + " to take unmatched text from");
    }

    /** Draws one example per id, in order, and packs them. */
    public Batch batch(List<String> videos, List<String> pool, Random random) {
        List<Sample> samples = new ArrayList<>();
        for (String v : videos) {
            samples.add(sample(v, pool, random));
        }
        return pack(samples);
    }

    /** Packs examples (equal widths) into one batch. */
    public static Batch pack(List<Sample> samples) {
        int b = samples.size();
        int t = samples.get(0).features().length;
        int d = samples.get(0).maskedFrame().length;
        float[] features = new float[b * t * d];
        float[] frames = new float[b * d];
        int[] positions = new int[b];
        long[][] ids = new long[b][];
        float[] labels = new float[b];
        for (int i = 0; i < b; i++) {
            Sample s = samples.get(i);
            for (int step = 0; step < t; step++) {
                if (s.features()[step].length != d) {
                    throw new IllegalArgumentException("video " + s.video() + " has " + s.features()[step].length
                            + " features per step, others " + d);
                }
                System.arraycopy(s.features()[step], 0, features, (i * t + step) * d, d);
            }
            System.arraycopy(s.maskedFrame(), 0, frames, i * d, d);
            positions[i] = s.maskedPosition();
            ids[i] = s.textIds();
            labels[i] = s.label();
        }
        return new Batch(b, t, d, features, positions, frames, ids, labels);
    }
}
