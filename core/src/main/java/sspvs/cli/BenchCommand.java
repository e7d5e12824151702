package sspvs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sspvs bench}: timing benchmarks, one subcommand per part of the system. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Times parts of the system.",
        subcommands = {BenchEvalCommand.class, BenchModelCommand.class, BenchPretrainCommand.class,
            BenchSummarizeCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
