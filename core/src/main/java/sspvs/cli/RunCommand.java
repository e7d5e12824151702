package sspvs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.eval.Metric;
import sspvs.report.EpochSelection;
import sspvs.train.ExperimentRunner;
import sspvs.train.RunInputs;
import sspvs.train.SeedRuns;

/**
 * {@code sspvs run CONFIG.yaml}: the reference's {@code sh main.sh cfgs/X.yaml} — train and evaluate every split,
 * choose an epoch per split, update {@code records.csv} — with honest (validation) model selection by default.
 * See {@link ExperimentRunner} for the protocol and the files written.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Trains and evaluates a config on every split (the reference's 'sh main.sh cfgs/X.yaml').",
            "Updates records.csv; run the same command again to resume an interrupted run."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "Experiment config (e.g. configs/ts_c.yaml).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding the data files (tvsum.h5, summe.h5, eccv16_dataset_*_google_pool5.h5); "
                    + "default: the config's paths (data/...) from here or the project folder.")
    Path data;

    @Option(names = "--pretrained", paramLabel = "FILE|none",
            description = "Checkpoint to start from (default: the config's 'resume'); 'none' trains from scratch.")
    String pretrained;

    @Option(names = "--set", paramLabel = "key=value", description = "Override a config key (repeatable), e.g. "
            + "--set max_epochs=5.")
    List<String> settings = new ArrayList<>();

    @Option(names = "--selection", paramLabel = "validation|test", defaultValue = "validation",
            converter = SelectionOption.class,
            description = "Choose each split's epoch on a held-out 20%% of the training videos (validation, "
                    + "default) or on the test videos as the reference does (test).")
    EpochSelection.Selection selection;

    @Option(names = "--metric", paramLabel = "avg|max", converter = MetricOption.class,
            description = MetricOption.DESCRIPTION)
    Metric metric;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
            description = "Results root; the run writes DIR/<EXP>/ and updates records.csv beside DIR "
                    + "(default: ${DEFAULT-VALUE}; records.csv then lands in the working folder, as the reference's).")
    Path results;

    @Option(names = "--name", paramLabel = "EXP",
            description = "Name of this run: results in DIR/<EXP>/ and the records.csv row 'EXP' (default: the "
                    + "config's file name, e.g. ts_c). Give each --set variant its own, e.g. --name ts_c_lr1e-4; "
                    + "the epoch-selection rule still follows the config's name.")
    String name;

    @Option(names = "--quiet", description = "No progress bars or per-epoch lines (for CI).")
    boolean quiet;

    @Option(names = "--restart", description = "Delete an earlier run's files in DIR/<EXP>/ and start over, instead "
            + "of resuming it (a resume is refused when the config or the data, split or pretrained file changed).")
    boolean restart;

    @Option(names = "--seeds", paramLabel = "N", split = ",",
            description = "Run the whole protocol once per seed, each in DIR/<EXP>/seed<N>/ (resumable on its own); "
                    + "records.csv gets the mean and standard deviation over seeds, DIR/<EXP>/seeds.csv each seed's "
                    + "row (default: the config's one seed, in DIR/<EXP>/).")
    List<Long> seeds;

    @Override
    public Integer call() {
        checkSeeds();
        RunConfig cfg = RunConfig.load(config).withOverridesFrom("--set", settings.toArray(String[]::new));
        cfg.requiredSelectionRule("config " + config); // before any input is looked for: the message names the file
        RunInputs inputs = RunInputs.resolve(cfg, config, data, pretrained);
        if (pretrained != null) {
            // the config stored with checkpoints and in run.json says what the run really started from
            cfg = cfg.withOverrides("resume=" + (inputs.pretrained() == null ? "null"
                    : "'" + inputs.pretrained().toString().replace("'", "''") + "'"));
        }
        String configName = experimentName(config);
        ExperimentRunner.Options options = new ExperimentRunner.Options(name == null ? configName : checkName(name),
                cfg, inputs, MetricOption.asked(metric), selection,
                results, recordsCsvFor(results), quiet, spec.commandLine().getOut(), configName, restart);
        SeedRuns.Outcome outcome = new SeedRuns(options, seeds).run();
        spec.commandLine().getOut().println("report: " + sspvs.report.RunReport.write(outcome.experimentDir()));
        return 0;
    }

    /** The reference's experiment name: the config's file name without {@code .yaml} ({@code ts_c}). */
    static String experimentName(Path config) {
        String name = config.getFileName().toString();
        return name.endsWith(".yaml") ? name.substring(0, name.length() - 5)
                : name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
    }

    /** --seeds, when given: at least one seed, each once (the sweep checks too, in its own words). */
    private void checkSeeds() {
        if (seeds == null) {
            return;
        }
        if (seeds.isEmpty()) {
            throw new UserException("--seeds: give at least one seed, e.g. --seeds 1,2,3");
        }
        if (new java.util.LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new UserException("--seeds: each seed once, got " + seeds);
        }
    }

    /** A run name becomes a folder name and a CSV field: letters, digits and {@code . _ -} only. */
    static String checkName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new UserException("--name must be letters, digits, '.', '_' or '-' (it names a folder and a "
                    + "records.csv row), not '" + name + "'");
        }
        return name;
    }

    /** records.csv beside the results folder (the working folder for the default {@code results}). */
    static Path recordsCsvFor(Path results) {
        Path parent = results.toAbsolutePath().normalize().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("records.csv");
    }
}
