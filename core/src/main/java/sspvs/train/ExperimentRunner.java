package sspvs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.DataDirectory;
import sspvs.data.Split;
import sspvs.data.SplitFile;
import sspvs.data.VideoRecord;
import sspvs.eval.Metric;
import sspvs.eval.MetricChoice;
import sspvs.eval.VideoEvaluation;
import sspvs.io.AtomicFiles;
import sspvs.io.FolderLock;
import sspvs.io.Sha256;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.model.SummarizerSpec;
import sspvs.model.TextEncoderChoice;
import sspvs.report.EpochMetrics;
import sspvs.report.EpochSelection;
import sspvs.report.Provenance;
import sspvs.report.RecordsCsv;


/**
 * One config's experiment, as the reference's {@code sh main.sh cfgs/X.yaml} runs it: for every split of the split
 * file a fresh model (width from the data's features), initialised from the pretrained checkpoint with the
 * non-strict rule, trained {@code max_epochs} epochs; after each epoch the held-out videos are scored full-length
 * in eval mode and evaluated (F with {@code avg} for TVSum split files, else {@code max}; Kendall τ, Spearman ρ);
 * one epoch per split is chosen with the config's {@code selection_rule} (required: never guessed from the name)
 * and the mean over splits of its test metrics becomes the config's row of {@code records.csv}.
 *
 * <p><b>Selection.</b> {@link EpochSelection.Selection#VALIDATION} (the default) holds out {@link ValidationKeys}
 * ({@value ValidationKeys#PERCENT}% of the training keys) and chooses the epoch on them, so the test videos play no
 * part in choosing; it trains on the remaining 80%. {@link EpochSelection.Selection#TEST} is the reference's
 * protocol exactly: train on all training keys, choose on the test metrics.
 *
 * <p><b>Files</b> in {@code <results>/<EXP>/} (EXP = the config's name upper-cased, as the reference names it):
 * {@code metrics.csv} (see {@link MetricsCsv}); {@code split<k>.json} (progress, see {@link SplitProgress});
 * {@code split<k>.ckpt}, the chosen epoch's model (PyTorch-loadable, {@link TorchCheckpointStore});
 * {@code run.json}, the provenance ({@link Provenance} plus the inputs and keys). {@code records.csv} is updated
 * where the caller says (the CLI: beside the results folder, i.e. the working folder by default, where the
 * reference writes it).
 *
 * <p><b>Candidate checkpoints.</b> Which epoch wins is only known after the last one, so while a split trains,
 * {@code split<k>.epoch<e>.ckpt} is kept only for epochs that can still win ({@link EpochCandidates}: the best so
 * far for the F-only rule, the Pareto front in (F, τ) for the rank-sum rule); the others are deleted at once.
 * At the end the winner is renamed {@code split<k>.ckpt}.
 *
 * <p><b>Resuming.</b> After every epoch the split's training state (parameters, Adam's moments and step, epoch:
 * {@link TrainingState}, {@code split<k>.state.ckpt}) and its progress are saved. Run the same command again and
 * finished splits are read back, and an unfinished one continues after its last saved epoch, exactly as it would
 * have gone on (the trainer re-seeds crops and dropout from (seed, epoch) each epoch). A results folder holding a
 * run of another config, selection, pretrained file, or whose data, split or pretrained file changed since it started
 * (SHA-256 kept in each {@code split<k>.json}) is refused, naming what changed; {@link Options#restart} starts over. Each split's model starts from the same seeded
 * initialisation, so a split's result does not depend on which splits ran before it in this process.
 *
 * <p><b>Text guidance</b> ({@code with_info_guide: true}, {@link TextGuidance}): every video's token file is read
 * before training; the model is a text-guided {@link ProgressiveSummarizer} whose BERT has the pretrained
 * checkpoint's sizes when it holds {@code bert_*} weights (the authors' bert-base), else all-MiniLM-L6-v2 from the
 * bundled ONNX file. The training state keeps only the learning tensors; on resume the frozen BERT is rebuilt from
 * the same initialisation.
 *
 * <p><b>Parts.</b> This class orders the steps; {@link SplitTraining} trains one split, {@link ResultsFolder} names
 * and moves the files, {@link TextGuidance} sets up the text side, {@link PretrainedWeights} the starting weights,
 * and {@link Provenance} writes {@code run.json}.
 */
public final class ExperimentRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to run.
     *
     * @param exp the experiment's name, e.g. {@code ts_c} (records.csv's {@code exp}; the folder is upper-cased)
     * @param inputs resolved data, split and pretrained files ({@link RunInputs#resolve})
     * @param metric how F-scores over users combine, as a front end was asked (with its reason, e.g. the CLI's
     *     "from --metric"); null: the config's {@code eval_metric}, else the test videos' data files' own
     *     ({@link MetricChoice})
     * @param resultsDir the results root; the run writes into {@code resultsDir/EXP}
     * @param recordsCsv the records.csv to update
     * @param quiet no progress bar, no per-epoch lines
     * @param configName the config's own name ({@code ts_c}), named in messages and run.json; the same as
     *     {@code exp} unless the run was given a name of its own
     * @param restart delete an earlier run's files in the folder and start over, instead of resuming it
     */
    public record Options(String exp, RunConfig config, RunInputs inputs, MetricChoice metric,
            EpochSelection.Selection selection, Path resultsDir, Path recordsCsv, boolean quiet, PrintWriter out,
            String configName, boolean restart) {
        /** A run that resumes what the folder holds. */
        public Options(String exp, RunConfig config, RunInputs inputs, MetricChoice metric,
                EpochSelection.Selection selection, Path resultsDir, Path recordsCsv, boolean quiet, PrintWriter out,
                String configName) {
            this(exp, config, inputs, metric, selection, resultsDir, recordsCsv, quiet, out, configName, false);
        }

        /** A run named after its config. */
        public Options(String exp, RunConfig config, RunInputs inputs, MetricChoice metric,
                EpochSelection.Selection selection, Path resultsDir, Path recordsCsv, boolean quiet, PrintWriter out) {
            this(exp, config, inputs, metric, selection, resultsDir, recordsCsv, quiet, out, exp);
        }
    }

    /**
     * One split's outcome.
     *
     * @param chosen the chosen epoch and its test metrics
     * @param videos the chosen epoch's per-video test results
     * @param checkpoint the chosen epoch's model
     */
    public record SplitOutcome(int split, EpochMetrics chosen, List<VideoEvaluation> videos, Path checkpoint) {}

    /** The whole run's outcome; {@code spec} is the architecture every split trained. */
    public record Outcome(Path experimentDir, RecordsCsv.Row row, List<SplitOutcome> splits, Path metricsCsv,
            Path runJson, SummarizerSpec spec) {}

    /** Thrown by the test hook to simulate an interruption. */
    static final class Interrupted extends RuntimeException {
        Interrupted(String message) {
            super(message);
        }
    }

    private final Options options;
    private final RunConfig config;
    private final EpochSelection.Rule rule;
    private final ResultsFolder folder;
    private final RunLog log;
    private final RunClock clock;
    private SplitTraining.StopAfter stopAfter = SplitTraining.StopAfter.NEVER;
    private TextEncoderChoice textEncoderWithoutCheckpoint;

    public ExperimentRunner(Options options) {
        this(options, options.resultsDir().resolve(options.exp().toUpperCase(Locale.ROOT)), new RunClock(1));
    }

    /**
     * A runner writing into {@code experimentDir} (one seed's folder of a {@link SeedRuns} sweep) and timing its
     * epochs on the sweep's {@code clock}. A null {@link Options#recordsCsv} leaves records.csv to the caller.
     */
    ExperimentRunner(Options options, Path experimentDir, RunClock clock) {
        this.options = options;
        this.config = options.config();
        this.rule = EpochSelection.Rule.of(config.requiredSelectionRule("config " + options.configName()));
        this.folder = new ResultsFolder(experimentDir);
        this.log = new RunLog(options.out(), options.quiet());
        this.clock = clock;
    }

    /** Test hook: share a sweep's interruption counter. */
    ExperimentRunner interruptWith(SplitTraining.StopAfter stop) {
        this.stopAfter = stop;
        return this;
    }

    /** Test hook: stop (throwing) after this many epochs have been trained by this runner. */
    ExperimentRunner interruptAfter(int epochs) {
        this.stopAfter = new SplitTraining.StopAfter(epochs);
        return this;
    }

    /**
     * Test hook: the text encoder of a text-guided run when the pretrained checkpoint brings no BERT weights
     * (default: all-MiniLM-L6-v2, 6 layers), e.g. MiniLM cut to one layer to keep tests fast.
     */
    ExperimentRunner textEncoderWithoutCheckpoint(TextEncoderChoice choice) {
        this.textEncoderWithoutCheckpoint = choice;
        return this;
    }

    public Path experimentDir() {
        return folder.dir();
    }

    /**
     * Runs (or resumes) every split, then writes records.csv and run.json. The folder is locked for the whole run
     * ({@link FolderLock}: a second run of the same name is refused), and temporaries an interrupted run left
     * behind are removed first.
     */
    public Outcome run() {
        if (config.maxEpochs() < 1) {
            throw new UserException("config " + options.exp() + ": max_epochs must be at least 1 to choose an epoch");
        }
        if (options.recordsCsv() != null && Files.exists(options.recordsCsv())) {
            RecordsCsv.read(options.recordsCsv()); // a damaged records.csv stops the run now, not after training
        }
        try (FolderLock lock = FolderLock.acquire(folder.dir(), "run")) {
            if (options.restart()) {
                int deleted = folder.clear();
                if (deleted > 0) {
                    log.say("starting over: deleted " + deleted + " file(s) of the earlier run in " + folder.dir());
                }
            }
            int stale = AtomicFiles.deleteStaleTemporaries(folder.dir());
            if (stale > 0) {
                log.say("removed " + stale + " temporary file(s) an interrupted run left in " + folder.dir());
            }
            return runLocked();
        }
    }

    private Outcome runLocked() {
        RunInputs in = options.inputs();
        List<Split> splits = SplitFile.load(in.splitFile());
        try (DataDirectory data = in.dataFile() != null ? DataDirectory.ofFile(in.dataFile())
                : DataDirectory.forSplitFile(in.dataDir(), in.splitFile())) {
            data.requireAll(in.splitFile(), splits);
            MetricChoice metric = metricChoice(data, splits);
            Map<String, VideoRecord> videos = readAll(data, splits);
            data.warnings().forEach(w -> log.say("warning: " + w));
            int d = featureWidth(videos);
            SummarizerSpec spec = SummarizerCheckpoints.specOf(d, config);
            TextGuidance text = config.withInfoGuide()
                    ? TextGuidance.setUp(options.exp(), config, in, videos, textEncoderWithoutCheckpoint) : null;
            folder.create();
            log.say(String.format(Locale.ROOT, "%s: %d split(s) of %s, %d epochs, %s-d features, model %s; metric %s; "
                            + "epoch chosen on %s (%s); results in %s", options.exp(), splits.size(),
                    in.splitFile(), config.maxEpochs(), d, spec, metric.describe(),
                    options.selection().label(), ruleDescription(), folder.dir()));
            if (text != null) {
                log.say("text guidance: " + text.describe() + ", token files from " + in.infoEmbedRoot());
            }
            PretrainedWeights pretrained = in.pretrained() == null ? PretrainedWeights.NONE
                    : new PretrainedWeights(in.pretrained(), log::say);
            clock.plan(splits.size() * config.maxEpochs());
            SplitTraining training = new SplitTraining(new SplitTraining.Setup(config, options.selection(), rule,
                    metric.metric(), spec, folder, pretrained, text, videos, inputDigests(data, splits), log, clock), stopAfter);
            List<SplitProgress> progress = new ArrayList<>();
            List<SplitOutcome> outcomes = new ArrayList<>();
            for (int k = 0; k < splits.size(); k++) {
                SplitProgress p = training.train(k, splits.size(), splits.get(k), progress);
                progress.add(p);
                outcomes.add(outcome(p));
            }
            MetricsCsv.write(folder.metricsCsv(), progress);
            List<EpochMetrics> chosen = outcomes.stream().map(SplitOutcome::chosen).toList();
            RecordsCsv.Row row = RecordsCsv.row(options.exp(), chosen, options.selection());
            if (options.recordsCsv() != null) {
                RecordsCsv.update(options.recordsCsv(), row);
            }
            provenance(data, splits, progress, outcomes, metric, pretrained, text).write(folder.runJson());
            printSummary(outcomes, row);
            return new Outcome(folder.dir(), row, outcomes, folder.metricsCsv(), folder.runJson(), spec);
        }
    }

    /**
     * The SHA-256 of every file the run reads, by what it is ({@code data file tvsum.h5}, {@code split file ...},
     * {@code pretrained file ...}): a resumed split must have started from the same contents.
     */
    private Map<String, String> inputDigests(DataDirectory data, List<Split> splits) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path file : dataFiles(data, splits)) {
            out.put("data file " + file.getFileName(), Sha256.of(file));
        }
        Path split = options.inputs().splitFile();
        out.put("split file " + split.getFileName(), Sha256.of(split));
        Path pretrained = options.inputs().pretrained();
        if (pretrained != null) {
            out.put("pretrained file " + pretrained.getFileName(), Sha256.of(pretrained));
        }
        return out;
    }

    private static Set<Path> dataFiles(DataDirectory data, List<Split> splits) {
        Set<Path> files = new LinkedHashSet<>();
        for (Split s : splits) {
            s.trainKeys().forEach(k -> files.add(data.fileFor(k)));
            s.testKeys().forEach(k -> files.add(data.fileFor(k)));
        }
        return files;
    }

    private SplitOutcome outcome(SplitProgress p) {
        SplitProgress.Epoch e = p.epoch(p.chosenEpoch);
        return new SplitOutcome(p.split, e.testMetrics(), e.testVideos(), folder.checkpoint(p.split));
    }

    private static Map<String, VideoRecord> readAll(DataDirectory data, List<Split> splits) {
        Set<String> keys = new LinkedHashSet<>();
        for (Split s : splits) {
            keys.addAll(s.trainKeys());
            keys.addAll(s.testKeys());
        }
        Map<String, VideoRecord> videos = new LinkedHashMap<>();
        for (String k : keys) {
            videos.put(k, data.read(k));
        }
        return videos;
    }

    /** The run's metric and why: the one asked for, the config, or the files that hold the test videos. */
    private MetricChoice metricChoice(DataDirectory data, List<Split> splits) {
        List<String> testKeys = new ArrayList<>();
        splits.forEach(s -> testKeys.addAll(s.testKeys()));
        List<MetricChoice.DataFileMetric> files = new ArrayList<>();
        data.evalMetricAttributes(testKeys).forEach((f, a) -> files.add(new MetricChoice.DataFileMetric(f, a)));
        Metric configured = config.evalMetric() == null ? null : Metric.parse(config.evalMetric());
        return MetricChoice.choose(options.metric(), configured, options.configName(), files);
    }

    /** {@code f_score, selection_rule in the config}: the only source there is (no guess from the name). */
    private String ruleDescription() {
        return rule.name().toLowerCase(Locale.ROOT) + ", selection_rule in the config";
    }

    private static int featureWidth(Map<String, VideoRecord> videos) {
        return sspvs.data.FeatureWidths.common(videos);
    }

    /** run.json: the config, seed, protocol, inputs with their hashes, and every split's choice, keys and videos. */
    private Provenance provenance(DataDirectory data, List<Split> splits, List<SplitProgress> progress,
            List<SplitOutcome> outcomes, MetricChoice metric, PretrainedWeights pretrained, TextGuidance text) {
        JsonNode configTree;
        try {
            configTree = JSON.readTree(config.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Provenance prov = Provenance.builder(options.exp(), configTree, config.seed(), options.selection(), rule);
        dataFiles(data, splits).forEach(prov::dataFile);
        for (int i = 0; i < outcomes.size(); i++) {
            SplitOutcome o = outcomes.get(i);
            SplitProgress p = progress.get(i);
            prov.split(new Provenance.SplitResult(o.split(), o.chosen(), o.videos(),
                    o.checkpoint().getFileName().toString(), p.trainKeys, p.validationKeys, p.testKeys));
        }
        prov.put("metric", metric.metric().label());
        prov.put("metric_source", metric.reason());
        prov.put("selection_rule_source", "selection_rule in the config"); // older runs could say a name's guess
        prov.put("config_name", options.configName()); // the published numbers a report sets beside this run
        prov.input("split_file", options.inputs().splitFile(), options.inputs().splitFile().toString());
        prov.input("pretrained", pretrained.file(), pretrained.label());
        if (text != null) {
            prov.put("text_guidance", text.provenance());
        }
        prov.put("validation_percent", options.selection() == EpochSelection.Selection.VALIDATION
                ? ValidationKeys.PERCENT : 0);
        return prov;
    }

    private void printSummary(List<SplitOutcome> outcomes, RecordsCsv.Row row) {
        PrintWriter out = log.out();
        out.printf("%-8s %6s %7s %7s %7s%n", "split", "epoch", "F", "tau", "rho");
        for (SplitOutcome o : outcomes) {
            out.printf(Locale.ROOT, "%-8d %6d %7.3f %7s %7s%n", o.split() + 1, o.chosen().epoch() + 1,
                    o.chosen().fScore(), SplitTraining.cell(o.chosen().kendall()),
                    SplitTraining.cell(o.chosen().spearman()));
        }
        out.printf(Locale.ROOT, "%s: F %s, tau %s, rho %s (test metrics, epoch chosen on %s) -> %s%n", row.exp(),
                SplitTraining.cell(row.fScore()), SplitTraining.cell(row.kendall()),
                SplitTraining.cell(row.spearman()), row.selection(),
                options.recordsCsv() == null ? folder.dir() : options.recordsCsv());
        out.flush();
    }
}
