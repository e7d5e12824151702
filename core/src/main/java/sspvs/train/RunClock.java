package sspvs.train;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Elapsed and estimated remaining time of a whole run (every split of every seed), for the per-epoch line. Epochs
 * read back from an earlier run count as done but took no time here, so the estimate is the epochs still to train
 * times the mean wall time of the epochs this process trained (their training, evaluation and saving, plus the
 * set-up before the first).
 */
final class RunClock {
    private final LongSupplier nanos;
    private final long start;
    private final int runs;
    private int epochsPerRun = -1;
    private int done;
    private int trained;

    /** A clock for {@code runs} runs (seeds) of the same config and split file. */
    RunClock(int runs) {
        this(runs, System::nanoTime);
    }

    RunClock(int runs, LongSupplier nanos) {
        this.runs = runs;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    /** Each run trains {@code splits × maxEpochs} epochs; every run of a sweep has the same shape. */
    void plan(int epochsPerRun) {
        this.epochsPerRun = epochsPerRun;
    }

    /** Epochs an earlier run already trained (a finished split read back, or a split resumed). */
    void skipped(int epochs) {
        done += epochs;
    }

    /** Counts one trained epoch; returns {@code elapsed 1m05s, about 4m20s left}. */
    String epochTrained() {
        done++;
        trained++;
        double elapsed = (nanos.getAsLong() - start) / 1e9;
        int total = Math.max(done, runs * Math.max(epochsPerRun, 0));
        double left = (total - done) * elapsed / trained;
        return "elapsed " + duration(elapsed) + ", about " + duration(left) + " left";
    }

    /** {@code 42s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
