package sspvs.cli;

import java.io.PrintWriter;
import sspvs.summarize.ProgressListener;
import sspvs.summarize.Stage;
import sspvs.summarize.SummarizeResult;

/**
 * Renders the summarize pipeline's {@link ProgressListener} on a command's error writer as the CLI has always shown
 * it: a "Decoding VIDEO" bar in frames, the "Scoring N steps..." line, a "Writing summary.mp4" bar, and
 * "warning: ..." lines. Quiet shows the warnings only.
 */
final class ProgressLines implements ProgressListener {
    private final PrintWriter err;
    private final boolean quiet;
    private final String videoName;
    private final ProgressBars bars;
    private boolean barShown;

    ProgressLines(PrintWriter err, boolean quiet, String videoName) {
        this.err = err;
        this.quiet = quiet;
        this.videoName = videoName;
        this.bars = new ProgressBars(err);
    }

    @Override
    public void progress(Stage stage, long done, long total) {
        if (quiet) {
            return;
        }
        switch (stage) {
            case DECODE_AND_FEATURES -> bars.update("Decoding " + videoName, " frames", done, total);
            case SUMMARY_VIDEO -> bars.update("Writing " + SummarizeResult.VIDEO, " frames", done, total);
            default -> {
                return; // the short stages draw no bar
            }
        }
        barShown = true;
    }

    @Override
    public void stageFinished(Stage stage, double seconds) {
        bars.close();
        barShown = false;
    }

    @Override
    public void message(String text) {
        if (!quiet) {
            lineBreakAfterBar();
            err.println(text);
            err.flush();
        }
    }

    @Override
    public void warning(String message) {
        lineBreakAfterBar();
        err.println("warning: " + message);
        err.flush();
    }

    private void lineBreakAfterBar() {
        if (barShown) {
            err.println(); // the bar goes on below
        }
    }
}
