package sspvs.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar at a time (the progressbar library's ASCII style, with speed) drawn on a command's error writer,
 * for the listeners the library reports to. Not thread-safe: callers serialise updates (the pipeline's listener
 * calls come one at a time).
 */
final class ProgressBars implements AutoCloseable {
    private final PrintWriter err;
    private ProgressBar bar;
    private String task;

    ProgressBars(PrintWriter err) {
        this.err = err;
    }

    /** Moves the bar named {@code task} to {@code done} of {@code total} (-1: unknown), starting it if needed. */
    void update(String task, String unit, long done, long total) {
        if (bar == null || !task.equals(this.task)) {
            close();
            this.task = task;
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total > 0 ? total : -1)
                    .setUnit(unit, 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .showSpeed()
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        err.print('\r');
                        err.print(line);
                        err.flush();
                    }))
                    .build();
        }
        if (total > 0 && total != bar.getMax()) {
            bar.maxHint(total);
        }
        bar.stepTo(done);
    }

    /** Ends the current bar, if any, with its final state and a new line. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
            bar = null;
            task = null;
        }
    }
}
