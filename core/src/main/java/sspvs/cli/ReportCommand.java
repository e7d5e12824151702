package sspvs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sspvs.report.RunReport;

/** {@code sspvs report RESULTS/<EXP>}: (re)writes a run's {@code report.html}, finished or not ({@link RunReport}). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes RESULTS/<EXP>/report.html for a finished or partial run: per-split training curves "
                + "with the chosen epochs, the result beside human and random baselines and the published numbers, "
                + "and the provenance. One offline page (inline SVG). 'run' writes it too when it ends."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULTS/<EXP>", description = "The run's results folder, e.g. results/TS_C.")
    Path folder;

    @Override
    public Integer call() {
        Path page = RunReport.write(folder);
        spec.commandLine().getOut().println("report: " + page);
        return 0;
    }
}
