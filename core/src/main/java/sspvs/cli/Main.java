package sspvs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import sspvs.UserException;

/** Entry point of {@code ./sspvs}: one picocli subcommand per job; user mistakes exit 2 with a one-line message. */
@Command(
        name = "sspvs",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Progressive video summarization (SSPVS, Li et al., WACV 2023) on the JVM.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DatasetCommand.class,
            EvaluateCommand.class,
            BaselineCommand.class,
            CompareCommand.class,
            BenchCommand.class,
            RunCommand.class,
            PredictCommand.class,
            DemoCommand.class,
            PretrainCommand.class,
            ReportCommand.class,
            SummarizeCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Front-end commands and the module that holds each, for a clear message where it is not on the class path. */
    static final java.util.Map<String, String> FRONT_ENDS = java.util.Map.of("batch", "sspvs-spark", "serve",
            "sspvs-server");

    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new Main());
        for (FrontEndCommand front : java.util.ServiceLoader.load(FrontEndCommand.class)) {
            cmd.addSubcommand(front.name(), front.command());
            if (front.benchCommand() != null) {
                cmd.getSubcommands().get("bench").addSubcommand(front.name(), front.benchCommand());
            }
        }
        FRONT_ENDS.forEach((name, module) -> {
            if (!cmd.getSubcommands().containsKey(name)) {
                cmd.addSubcommand(name, new MissingFrontEnd(name, module));
            }
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserException user) {
                commandLine.getErr().println("sspvs: " + Hints.line(user)); // the remedy in the CLI's options
                return UserException.EXIT_CODE;
            }
            throw ex;
        });
        return cmd;
    }
}
