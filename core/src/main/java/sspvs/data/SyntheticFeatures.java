package sspvs.data;

import java.util.Random;

/**
 * Deterministic stand-in features for tests and demos where the GoogLeNet features are not available:
 * Gaussian noise, plus a per-shot "content" vector shared by neighbouring steps, plus a fixed direction scaled by
 * the centred target score, so a model can learn something real but not trivially. The same seed, key and
 * picks always give the same numbers, whatever order videos are built in.
 */
public final class SyntheticFeatures implements FeatureSource {
    private final long seed;
    private final int dim;
    private final float signal;
    private final float[] direction;

    /** {@code signal} scales the score-correlated part relative to unit noise (1.0 is a reasonable default). */
    public SyntheticFeatures(long seed, int dim, double signal) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dimension must be positive: " + dim);
        }
        this.seed = seed;
        this.dim = dim;
        this.signal = (float) signal;
        Random r = new Random(seed);
        this.direction = new float[dim];
        for (int d = 0; d < dim; d++) direction[d] = (float) r.nextGaussian();
    }

    public SyntheticFeatures(long seed, int dim) {
        this(seed, dim, 1.0);
    }

    public int dim() {
        return dim;
    }

    @Override
    public float[][] features(AnnotatedVideo video, int[] picks, float[] gtscore) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + video.key().hashCode());
        float mean = 0;
        for (float g : gtscore) mean += g;
        mean /= Math.max(1, gtscore.length);
        float[][] out = new float[picks.length][dim];
        float[] content = new float[dim];
        for (int t = 0; t < picks.length; t++) {
            if (t % 8 == 0) { // a new "scene" every 8 steps (4 s at 2 fps)
                for (int d = 0; d < dim; d++) content[d] = (float) r.nextGaussian() * 0.5f;
            }
            float s = signal * (gtscore[t] - mean) * 2f;
            for (int d = 0; d < dim; d++) {
                out[t][d] = (float) r.nextGaussian() * 0.5f + content[d] + s * direction[d];
            }
        }
        return out;
    }
}
