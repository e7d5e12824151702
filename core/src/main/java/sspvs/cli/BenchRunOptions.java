package sspvs.cli;

import picocli.CommandLine.Option;
import sspvs.model.EngineThreads;

/** How a {@code bench} command runs: timed repeats, engine threads and seed (a picocli mixin). */
final class BenchRunOptions {
    @Option(names = "--repeats", defaultValue = "3", converter = Ranges.AtLeastOne.class,
            description = "timed runs; the median is reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "libtorch intra-op threads (default: the engine's choice)")
    Integer threads;

    @Option(names = "--seed", defaultValue = "0", description = "seed for weights and data (default: ${DEFAULT-VALUE})")
    long seed;

    /** Sets the engine's threads where --threads was given. */
    void applyThreads() {
        if (threads != null) {
            EngineThreads.set(threads);
        }
    }
}
