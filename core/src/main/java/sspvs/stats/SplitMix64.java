package sspvs.stats;

/**
 * Steele, Lea and Flood's SplitMix64 generator (as in {@link java.util.SplittableRandom}), written out so that the
 * bootstrap's resamples are defined by a few lines any language reproduces: {@code tools/make_stats_fixture.py}
 * draws the same indices and checks the confidence intervals exactly.
 */
final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A draw in [0, n): the unsigned 64-bit value modulo n (bias below n / 2^64, nothing for video counts). */
    int below(int n) {
        return (int) Long.remainderUnsigned(next(), n);
    }
}
