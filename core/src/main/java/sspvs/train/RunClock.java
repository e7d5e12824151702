package sspvs.train;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Elapsed and estimated remaining time of a whole run (every split of every seed), for the per-epoch line. Epochs
 * read back from an earlier run count as done but took no time here, so the estimate is the epochs still to train
 * times the pace of this process: the wall time between the first and the latest trained epoch's ends over the
 * epochs in between (training, evaluation, saving, and the set-up of later splits and seeds). After the first epoch
 * only its training time is known, so the first estimate leaves out evaluation; starting the engine and reading
 * the data (seconds, once) would otherwise make it several times too long.
 */
final class RunClock {
    private final LongSupplier nanos;
    private final long start;
    private final int runs;
    private int epochsPerRun = -1;
    private int done;
    private int trained;
    private long firstEnd;

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

    /**
     * Counts one trained epoch whose training steps took {@code seconds}; returns
     * {@code elapsed 1m05s, about 4m20s left}.
     */
    String epochTrained(double seconds) {
        long now = nanos.getAsLong();
        done++;
        trained++;
        if (trained == 1) {
            firstEnd = now;
        }
        double elapsed = (now - start) / 1e9;
        double pace = trained == 1 ? seconds : (now - firstEnd) / 1e9 / (trained - 1);
        int total = Math.max(done, runs * Math.max(epochsPerRun, 0));
        double left = (total - done) * pace;
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
