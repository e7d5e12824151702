package sspvs.shots;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times {@link KernelTemporalSegmentation} on synthetic features shaped like GoogLeNet pool5 of a real video:
 * 1024-d non-negative vectors, shots of 2 to 30 steps whose frames have cosine similarity about 0.9 inside a
 * shot and about 0.65 across shots. 7,200 steps is a one-hour video at 2 samples per second.
 */
public final class KtsBenchmark {
    private KtsBenchmark() {}

    /**
     * @param steps        number of steps segmented
     * @param trueShots    shots in the synthetic sequence
     * @param foundShots   shots KTS found
     * @param exactCuts    true cuts KTS found at exactly the right step
     * @param countsTried  numbers of change points the programme evaluated before its exact early stop
     * @param seconds      wall time of feature normalisation, kernel, costs and the programme
     */
    public record Result(int steps, int trueShots, int foundShots, int exactCuts, int countsTried,
                         double seconds) {
        @Override
        public String toString() {
            return String.format("KTS on %d steps x 1024-d: %.2f s, %d shots found (%d true, %d cuts exact),"
                    + " %d change-point counts tried", steps, seconds, foundShots, trueShots, exactCuts, countsTried);
        }
    }

    /** Segments {@code steps} synthetic steps with the default settings and reports the time. */
    public static Result run(int steps) {
        return run(steps, new KernelTemporalSegmentation());
    }

    /** As {@link #run(int)} with the given settings. */
    public static Result run(int steps, KernelTemporalSegmentation kts) {
        int d = 1024;
        Random rnd = new Random(42);
        float[][] features = new float[steps][];
        List<Integer> cuts = new ArrayList<>();
        int t = 0;
        while (t < steps) {
            int len = 2 + rnd.nextInt(29);
            float[] centre = new float[d];
            for (int j = 0; j < d; j++) {
                centre[j] = (float) Math.abs(rnd.nextGaussian());
            }
            for (int i = t; i < Math.min(steps, t + len); i++) {
                float[] x = new float[d];
                for (int j = 0; j < d; j++) {
                    x[j] = (float) Math.max(0, centre[j] + 0.35 * rnd.nextGaussian());
                }
                features[i] = x;
            }
            t += len;
            if (t < steps) {
                cuts.add(t);
            }
        }
        long start = System.nanoTime();
        KernelTemporalSegmentation.Segmentation seg = kts.segment(features);
        double seconds = (System.nanoTime() - start) / 1e9;
        int exact = 0;
        for (int cp : seg.changePoints()) {
            if (cuts.contains(cp)) {
                exact++;
            }
        }
        return new Result(steps, cuts.size() + 1, seg.segmentCount(), exact, seg.criterion().length, seconds);
    }
}
