package sspvs.cli;

import picocli.CommandLine.Option;
import sspvs.UserException;
import sspvs.model.SummarizerSpec;
import sspvs.model.WindowedScorer;

/**
 * How long videos are scored in windows ({@code summarize}, {@code batch}). The hop follows the window (half of it)
 * unless given, so {@code --window-steps 500} alone works instead of being refused for the default hop of 1,024.
 */
public final class WindowOptions {
    @Option(names = "--window-steps", defaultValue = "" + WindowedScorer.DEFAULT_WINDOW,
            description = "Longest sequence scored in one pass (1.." + (SummarizerSpec.MAX_LENGTH - 1)
                    + ", the positional table). Default: ${DEFAULT-VALUE}.")
    int windowSteps;

    @Option(names = "--window-hop", paramLabel = "STEPS",
            description = "Step between windows for longer videos (1..--window-steps). Default: half of "
                    + "--window-steps (" + WindowedScorer.DEFAULT_HOP + ").")
    Integer windowHop;

    public int steps() {
        return windowSteps;
    }

    /** The hop in use: the one given, or half the window. */
    public int hop() {
        return windowHop != null ? windowHop : WindowedScorer.defaultHop(windowSteps);
    }

    /** Checks both values, each mistake one line naming the option that holds it. */
    public void check() {
        if (windowSteps < 1 || windowSteps > SummarizerSpec.MAX_LENGTH - 1) {
            throw new UserException("--window-steps must be 1.." + (SummarizerSpec.MAX_LENGTH - 1) + ", got "
                    + windowSteps);
        }
        if (hop() < 1 || hop() > windowSteps) {
            throw new UserException("--window-hop must be 1..--window-steps (" + windowSteps + "), got " + hop());
        }
        new WindowedScorer(windowSteps, hop());
    }
}
