package sspvs.train;

import java.io.PrintWriter;

/**
 * Where a run says what it does: the caller's writer (the CLI's standard output). {@link #say} lines are always
 * written (set-up, choices, warnings); {@link #detail} lines (per split and per epoch) only when not quiet.
 */
final class RunLog {
    private final PrintWriter out;
    private final boolean quiet;

    RunLog(PrintWriter out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    boolean quiet() {
        return quiet;
    }

    PrintWriter out() {
        return out;
    }

    void say(String line) {
        out.println(line);
        out.flush();
    }

    void detail(String line) {
        if (!quiet) {
            say(line);
        }
    }
}
