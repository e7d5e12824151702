package sspvs.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import sspvs.UserException;
import sspvs.report.RecordsCsv;
import sspvs.report.SeedsCsv;

/**
 * One config's experiment repeated under several seeds ({@code sspvs run CONFIG --seeds 1,2,3}): the whole protocol
 * ({@link ExperimentRunner}: every split, epoch selection) once per seed, each in its own folder
 * {@code <results>/<EXP>/seed<N>/}, each resumable on its own. Then {@code <EXP>/seeds.csv} holds every seed's
 * mean over splits ({@link SeedsCsv}) and the config's {@code records.csv} row their mean and standard deviation
 * ({@link RecordsCsv#ofSeeds}).
 *
 * <p>Without a seed list the run is the config's one seed in {@code <results>/<EXP>/} itself, as before; its
 * {@code seeds.csv} has that one row and its records.csv row no spread.
 *
 * <p>Seeds run one after the other; a rerun reads finished seeds back (each split "finished earlier") and resumes
 * the first unfinished one where it stopped. The per-epoch line's elapsed and remaining time cover all seeds.
 */
public final class SeedRuns {
    /** The sweep's outcome: the records.csv row, the per-seed rows, and each seed's run. */
    public record Outcome(Path experimentDir, RecordsCsv.Row row, List<SeedsCsv.Row> seeds,
            List<ExperimentRunner.Outcome> runs) {}

    private final ExperimentRunner.Options options;
    private final List<Long> seeds;
    private final boolean seedFolders;
    private final Path experimentDir;
    private SplitTraining.StopAfter stopAfter = SplitTraining.StopAfter.NEVER;

    /**
     * @param seeds the seeds to run, each in {@code <EXP>/seed<N>/}; null for the config's own seed in
     *     {@code <EXP>/} (the layout of a run without {@code --seeds})
     */
    public SeedRuns(ExperimentRunner.Options options, List<Long> seeds) {
        this.options = options;
        this.seedFolders = seeds != null;
        this.seeds = seeds == null ? List.of(options.config().seed()) : checked(seeds);
        this.experimentDir = options.resultsDir().resolve(options.exp().toUpperCase(Locale.ROOT));
    }

    private static List<Long> checked(List<Long> seeds) {
        if (seeds.isEmpty()) {
            throw new UserException("a seed sweep needs at least one seed");
        }
        if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
            throw new UserException("a seed sweep runs each seed once, got " + seeds);
        }
        return List.copyOf(seeds);
    }

    /** The folder of one seed's run ({@code seed<N>}, or the experiment folder itself without a seed list). */
    public static Path seedFolder(Path experimentDir, long seed) {
        return experimentDir.resolve("seed" + seed);
    }

    public Path experimentDir() {
        return experimentDir;
    }

    /** Test hook: stop (throwing) after this many epochs trained over all seeds. */
    SeedRuns interruptAfter(int epochs) {
        this.stopAfter = new SplitTraining.StopAfter(epochs);
        return this;
    }

    /** Runs (or resumes) every seed, then writes seeds.csv and records.csv. */
    public Outcome run() {
        if (options.recordsCsv() != null && java.nio.file.Files.exists(options.recordsCsv())) {
            RecordsCsv.read(options.recordsCsv()); // a damaged records.csv stops the run now, not after training
        }
        if (options.restart()) {
            // the sweep's own summaries of the earlier run go too, so none outlives the run it described
            for (String summary : List.of("seeds.csv", "report.html")) {
                try {
                    java.nio.file.Files.deleteIfExists(experimentDir.resolve(summary));
                } catch (java.io.IOException e) {
                    throw new sspvs.UserException(experimentDir.resolve(summary) + ": cannot delete the earlier run's "
                            + summary + " (" + e.getMessage() + ")", e);
                }
            }
        }
        RunClock clock = new RunClock(seeds.size());
        List<SeedsCsv.Row> rows = new ArrayList<>();
        List<ExperimentRunner.Outcome> runs = new ArrayList<>();
        for (long seed : seeds) {
            ExperimentRunner.Options o = options;
            Path dir = experimentDir;
            if (seedFolders) {
                o = new ExperimentRunner.Options(options.exp(), options.config().withOverrides("seed=" + seed),
                        options.inputs(), options.metric(), options.selection(), options.resultsDir(), null,
                        options.quiet(), options.out(), options.configName(), options.restart());
                dir = seedFolder(experimentDir, seed);
                options.out().printf(Locale.ROOT, "seed %d (%d of %d) in %s%n", seed, runs.size() + 1, seeds.size(),
                        dir);
            }
            ExperimentRunner.Outcome run = new ExperimentRunner(o, dir, clock).interruptWith(stopAfter).run();
            runs.add(run);
            rows.add(SeedsCsv.Row.of(seed, run.splits().stream().map(ExperimentRunner.SplitOutcome::chosen).toList(),
                    seedFolders ? experimentDir.relativize(dir).toString() : "."));
            SeedsCsv.write(experimentDir.resolve("seeds.csv"), rows);
        }
        RecordsCsv.Row row = RecordsCsv.ofSeeds(options.exp(), rows, options.selection());
        if (options.recordsCsv() != null) {
            RecordsCsv.update(options.recordsCsv(), row);
        }
        if (seeds.size() > 1) {
            options.out().printf(Locale.ROOT, "%s over %d seeds (%s): F %s ± %s, tau %s ± %s, rho %s ± %s -> %s%n",
                    row.exp(), seeds.size(), row.seeds(), cell(row.fScore()), cell(row.fScoreSd()),
                    cell(row.kendall()), cell(row.kendallSd()), cell(row.spearman()), cell(row.spearmanSd()),
                    options.recordsCsv());
            options.out().flush();
        }
        return new Outcome(experimentDir, row, rows, runs);
    }

    private static String cell(double v) {
        return SplitTraining.cell(v);
    }
}
