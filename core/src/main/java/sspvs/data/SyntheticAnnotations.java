package sspvs.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates TVSum-like annotations with no data files: each video has a hidden importance signal that is constant
 * over scenes of random length (2–10 s) with a slow drift, and each user rates 2-second blocks 1..5 from that signal
 * plus personal noise and a personal bias — users agree partly, as real annotators do. 30 fps, so a video of
 * {@code steps} feature steps has {@code steps × 15} frames.
 */
public final class SyntheticAnnotations {
    public static final double FPS = 30.0;

    private SyntheticAnnotations() {}

    public static List<AnnotatedVideo> generate(int videos, int steps, int users, long seed) {
        if (videos <= 0 || steps <= 0 || users <= 0) {
            throw new IllegalArgumentException("videos " + videos + ", steps " + steps + ", users " + users);
        }
        List<AnnotatedVideo> out = new ArrayList<>(videos);
        for (int i = 1; i <= videos; i++) {
            out.add(video(VideoKeys.key(i), steps, users, new Random(seed * 31 + i)));
        }
        return out;
    }

    private static AnnotatedVideo video(String key, int steps, int users, Random r) {
        int n = steps * DatasetBuilder.SUBSAMPLE;
        double[] importance = new double[n];
        int f = 0;
        while (f < n) {
            int scene = (int) ((2 + 8 * r.nextDouble()) * FPS);
            double level = r.nextDouble();
            for (int k = 0; k < scene && f < n; k++, f++) {
                importance[f] = level + 0.15 * Math.sin(2 * Math.PI * f / (20 * FPS));
            }
        }
        int block = (int) (2 * FPS);
        float[][] scores = new float[users][n];
        for (int u = 0; u < users; u++) {
            double bias = r.nextGaussian() * 0.3;
            for (int start = 0; start < n; start += block) {
                int end = Math.min(n, start + block);
                double mean = 0;
                for (int k = start; k < end; k++) mean += importance[k];
                mean /= end - start;
                long rating = Math.round(1 + 4 * mean + bias + r.nextGaussian() * 0.8);
                float clipped = (float) Math.max(1, Math.min(5, rating));
                java.util.Arrays.fill(scores[u], start, end, clipped);
            }
        }
        return new AnnotatedVideo(key, "synthetic_" + key, "SY", "synthetic video " + key, n, FPS, scores, null);
    }
}
