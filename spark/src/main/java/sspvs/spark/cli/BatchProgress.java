package sspvs.spark.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import sspvs.spark.BatchListener;

/** Draws a batch's progress on the error writer: videos done of total, hours of video, failures. */
final class BatchProgress implements BatchListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean quiet;
    private ProgressBar bar;

    BatchProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void started(int total) {
        if (quiet) {
            return;
        }
        bar = new ProgressBarBuilder().setTaskName("Videos").setInitialMax(total).setUnit(" videos", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r');
                    err.print(line);
                    err.flush();
                }))
                .build();
        bar.setExtraMessage(extra(0, 0));
    }

    @Override
    public synchronized void progress(long done, int total, double videoHours, long failed) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(extra(videoHours, failed));
        }
    }

    private static String extra(double hours, long failed) {
        return String.format(Locale.ROOT, "%.2f h of video, %d failed", hours, failed);
    }

    @Override
    public synchronized void message(String text) {
        close();
        if (!quiet) {
            err.println(text);
            err.flush();
        }
    }

    @Override
    public synchronized void warning(String text) {
        close();
        err.println("warning: " + text);
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            err.println();
            err.flush();
            bar = null;
        }
    }
}
