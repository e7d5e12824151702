package sspvs.server;

import java.util.EnumMap;
import java.util.Map;
import sspvs.summarize.ProgressListener;
import sspvs.summarize.Stage;

/**
 * A running job's {@link ProgressListener}: turns the pipeline's stage progress into the job's share done (each
 * stage weighted by its usual share of the time) and an estimate of the time left, and records it in the store at
 * most every {@value #MIN_INTERVAL_MS} ms (a status file write per decoded frame would be wasteful).
 */
final class JobProgress implements ProgressListener {
    static final long MIN_INTERVAL_MS = 250;
    /** Shares of the time each stage usually takes (decode + features dominates). */
    private static final Map<Stage, Double> WEIGHT = new EnumMap<>(Map.of(Stage.DECODE_AND_FEATURES, 0.6,
            Stage.SHOTS, 0.05, Stage.SCORES, 0.1, Stage.SUMMARY_VIDEO, 0.2, Stage.OUTPUTS, 0.05));

    private final JobStore store;
    private final ServerListener events;
    private final long startNanos = System.nanoTime();
    private JobStatus status;
    private double before; // share of the stages already finished
    private Stage stage = Stage.DECODE_AND_FEATURES;
    private long lastWrite;

    JobProgress(JobStore store, JobStatus running, ServerListener events) {
        this.store = store;
        this.status = running;
        this.events = events;
    }

    @Override
    public synchronized void stageStarted(Stage s, long total) {
        before = 0;
        for (Stage earlier : Stage.values()) {
            if (earlier.ordinal() < s.ordinal()) {
                before += WEIGHT.get(earlier);
            }
        }
        stage = s;
        record(before, true);
    }

    @Override
    public synchronized void progress(Stage s, long done, long total) {
        if (s == stage && total > 0) {
            record(before + WEIGHT.get(s) * Math.min(1.0, (double) done / total), false);
        }
    }

    @Override
    public synchronized void stageFinished(Stage s, double seconds) {
        record(before + WEIGHT.get(s), true);
    }

    @Override
    public void warning(String message) {
        events.warning("job " + status.id() + ": " + message);
    }

    private void record(double fraction, boolean always) {
        long now = System.currentTimeMillis();
        if (!always && now - lastWrite < MIN_INTERVAL_MS) {
            return;
        }
        lastWrite = now;
        double f = Math.max(status.progress(), Math.min(1.0, fraction)); // never backwards
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        Double left = f > 0.02 ? Math.max(0, elapsed * (1 - f) / f) : null;
        status = status.running(stage.label(), f, left);
        store.put(status);
    }

    synchronized JobStatus current() {
        return status;
    }
}
