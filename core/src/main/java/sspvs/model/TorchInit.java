package sspvs.model;

import java.util.Random;

/**
 * torch.nn's default initialisers, drawn from a seeded {@link Random} (the values differ from torch's generator;
 * the distributions are the same, which is what the training dynamics depend on). DJL's own defaults differ
 * (Linear weights about 2.4x wider, zero biases), hence these.
 */
final class TorchInit {
    private final Random random;

    TorchInit(long seed) {
        this.random = new Random(seed);
    }

    /** A seed for a sub-stream: equal seeds give equal draws (used to make torch's identical layer copies). */
    long nextSeed() {
        return random.nextLong();
    }

    /** {@code nn.Linear} weight: kaiming_uniform(a=sqrt 5), i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    float[] linearWeight(int out, int in) {
        return uniform(out * in, 1.0 / Math.sqrt(in));
    }

    /** {@code nn.Linear} bias: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    float[] linearBias(int out, int in) {
        return uniform(out, 1.0 / Math.sqrt(in));
    }

    /** xavier_uniform for a [rows, cols] matrix: U(-a, a), a = sqrt(6 / (rows + cols)). */
    float[] xavierUniform(int rows, int cols) {
        return uniform(rows * cols, Math.sqrt(6.0 / (rows + cols)));
    }

    /** {@code nn.Embedding}: N(0, 1). */
    float[] standardNormal(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static float[] constant(int n, float value) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    private float[] uniform(int n, double bound) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }
}
