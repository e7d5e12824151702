package sspvs.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
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
import sspvs.eval.EvaluationSummary;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.eval.VideoEvaluation;
import sspvs.model.ParameterTensor;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.model.SummarizerSpec;
import sspvs.model.io.LoadReport;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.io.AtomicFiles;
import sspvs.model.TextEncoderChoice;
import sspvs.report.EpochCandidates;
import sspvs.report.EpochMetrics;
import sspvs.report.EpochSelection;
import sspvs.report.Provenance;
import sspvs.report.RecordsCsv;
import sspvs.text.BertConfig;
import sspvs.text.TextInputBuilder;
import sspvs.text.TextTraining;
import sspvs.text.VideoTextInfo;
import sspvs.text.VideoTextInputs;

/**
 * One config's experiment, as the reference's {@code sh main.sh cfgs/X.yaml} runs it: for every split of the split
 * file a fresh model (width from the data's features), initialised from the pretrained checkpoint with the
 * non-strict rule, trained {@code max_epochs} epochs; after each epoch the held-out videos are scored full-length
 * in eval mode and evaluated (F with {@code avg} for TVSum split files, else {@code max}; Kendall τ, Spearman ρ);
 * one epoch per split is chosen with the reference's rule for the config ({@link EpochSelection.Rule#referenceFor})
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
 * run of another config, selection or pretrained file is refused. Each split's model starts from the same seeded
 * initialisation, so a split's result does not depend on which splits ran before it in this process.
 *
 * <p><b>Text guidance</b> ({@code with_info_guide: true}): every video's token file is read before training
 * ({@link VideoTextInputs}, from {@link RunInputs#infoEmbedRoot()}); the model is a text-guided
 * {@link ProgressiveSummarizer} whose BERT has the pretrained checkpoint's sizes when it holds {@code bert_*}
 * weights (the authors' bert-base), else all-MiniLM-L6-v2 from the bundled ONNX file; training feeds the
 * fixed-length training ids, evaluation the whole parts. The training state keeps only the learning tensors; on
 * resume the frozen BERT is rebuilt from the same initialisation.
 */
public final class ExperimentRunner {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What to run.
     *
     * @param exp the experiment's name, e.g. {@code ts_c} (records.csv's {@code exp}; the folder is upper-cased)
     * @param inputs resolved data, split and pretrained files ({@link RunInputs#resolve})
     * @param metric how F-scores over users combine; null for the reference's rule (avg for a TVSum split file)
     * @param resultsDir the results root; the run writes into {@code resultsDir/EXP}
     * @param recordsCsv the records.csv to update
     * @param quiet no progress bar, no per-epoch lines
     * @param configName the config's own name ({@code ts_c}), which picks the reference's epoch-selection rule;
     *     the same as {@code exp} unless the run was given a name of its own
     */
    public record Options(String exp, RunConfig config, RunInputs inputs, Metric metric,
            EpochSelection.Selection selection, Path resultsDir, Path recordsCsv, boolean quiet, PrintWriter out,
            String configName) {
        /** A run named after its config. */
        public Options(String exp, RunConfig config, RunInputs inputs, Metric metric,
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

    /** The whole run's outcome. */
    public record Outcome(Path experimentDir, RecordsCsv.Row row, List<SplitOutcome> splits, Path metricsCsv,
            Path runJson) {}

    /** Thrown by the test hook to simulate an interruption. */
    static final class Interrupted extends RuntimeException {
        Interrupted(String message) {
            super(message);
        }
    }

    private final Options options;
    private final RunConfig config;
    private final EpochSelection.Rule rule;
    private final Evaluator evaluator = new Evaluator();
    private final Path experimentDir;
    private int interruptAfterEpochs = -1;
    private int epochsTrained;
    private Map<String, ParameterTensor> pretrainedTensors;
    private LoadReport pretrainedReport;
    private TextEncoderChoice textEncoderOverride;
    private TextEncoderChoice textEncoder;
    private VideoTextInputs texts;
    private boolean textFromCheckpoint;
    private Map<String, VideoRecord> allVideos = Map.of();

    public ExperimentRunner(Options options) {
        this.options = options;
        this.config = options.config();
        this.rule = EpochSelection.Rule.referenceFor(options.configName());
        this.experimentDir = options.resultsDir().resolve(options.exp().toUpperCase(Locale.ROOT));
    }

    /** Test hook: stop (throwing) after this many epochs have been trained by this runner. */
    ExperimentRunner interruptAfter(int epochs) {
        this.interruptAfterEpochs = epochs;
        return this;
    }

    /**
     * Test hook: the text encoder of a text-guided run when the pretrained checkpoint brings no BERT weights
     * (default: all-MiniLM-L6-v2, 6 layers), e.g. MiniLM cut to one layer to keep tests fast.
     */
    ExperimentRunner textEncoderWithoutCheckpoint(TextEncoderChoice choice) {
        this.textEncoderOverride = choice;
        return this;
    }

    public Path experimentDir() {
        return experimentDir;
    }

    /** Runs (or resumes) every split, then writes records.csv and run.json. */
    public Outcome run() {
        if (config.maxEpochs() < 1) {
            throw new UserException("config " + options.exp() + ": max_epochs must be at least 1 to choose an epoch");
        }
        RunInputs in = options.inputs();
        List<Split> splits = SplitFile.load(in.splitFile());
        Metric metric = options.metric() != null ? options.metric()
                : Metric.defaultFor(in.splitFile().getFileName().toString());
        try (DataDirectory data = in.dataFile() != null ? DataDirectory.ofFile(in.dataFile())
                : DataDirectory.forSplitFile(in.dataDir(), in.splitFile())) {
            data.requireAll(in.splitFile(), splits);
            Map<String, VideoRecord> videos = readAll(data, splits);
            data.warnings().forEach(w -> say("warning: " + w));
            int d = featureWidth(videos);
            SummarizerSpec spec = SummarizerCheckpoints.specOf(d, config);
            if (config.withInfoGuide()) {
                texts = readTexts(videos);
                textEncoder = chooseTextEncoder();
            }
            createFolder();
            say(String.format(Locale.ROOT, "%s: %d split(s) of %s, %d epochs, %s-d features, model %s; metric %s; "
                            + "epoch chosen on %s (%s); results in %s", options.exp(), splits.size(),
                    in.splitFile(), config.maxEpochs(), d, spec, metric.name().toLowerCase(Locale.ROOT),
                    options.selection().label(), rule.name().toLowerCase(Locale.ROOT), experimentDir));
            if (textEncoder != null) {
                say("text guidance: " + describe(textEncoder) + ", token files from " + in.infoEmbedRoot());
            }
            List<SplitProgress> progress = new ArrayList<>();
            List<SplitOutcome> outcomes = new ArrayList<>();
            for (int k = 0; k < splits.size(); k++) {
                SplitProgress p = runSplit(k, splits.size(), splits.get(k), videos, spec, metric, progress);
                progress.add(p);
                outcomes.add(outcome(p));
            }
            MetricsCsv.write(metricsCsv(), progress);
            List<EpochMetrics> chosen = outcomes.stream().map(SplitOutcome::chosen).toList();
            RecordsCsv.Row row = RecordsCsv.row(options.exp(), chosen, options.selection());
            RecordsCsv.update(options.recordsCsv(), row);
            Path runJson = experimentDir.resolve("run.json");
            writeProvenance(runJson, data, splits, progress, outcomes, metric);
            printSummary(outcomes, row);
            return new Outcome(experimentDir, row, outcomes, metricsCsv(), runJson);
        }
    }

    private SplitProgress runSplit(int k, int count, Split split, Map<String, VideoRecord> videos,
            SummarizerSpec spec, Metric metric, List<SplitProgress> done) {
        Path progressFile = experimentDir.resolve("split" + k + ".json");
        Path stateFile = experimentDir.resolve("split" + k + ".state.ckpt");
        boolean validate = options.selection() == EpochSelection.Selection.VALIDATION;
        ValidationKeys keys = validate ? ValidationKeys.carve(split, config.seed(), k)
                : new ValidationKeys(split.trainKeys(), List.of());
        SplitProgress fresh = new SplitProgress(k, config.toJson(), options.selection().label(), pretrainedLabel(),
                keys.train(), keys.validation(), split.testKeys());
        SplitProgress progress = fresh;
        TrainingState state = null;
        if (Files.exists(progressFile)) {
            SplitProgress saved = SplitProgress.read(progressFile);
            requireSameRun(saved, fresh, progressFile);
            if (saved.finished()) {
                say(String.format(Locale.ROOT, "split %d/%d: finished earlier (epoch %d chosen), read back",
                        k + 1, count, saved.chosenEpoch));
                return saved;
            }
            if (Files.exists(stateFile)) {
                state = TrainingState.load(stateFile);
                saved.truncateAfter(state.epoch());
                progress = saved;
                say(String.format(Locale.ROOT, "split %d/%d: resuming after epoch %d", k + 1, count,
                        state.epoch() + 1));
            }
        }
        List<VideoRecord> train = keys.train().stream().map(videos::get).toList();
        List<VideoRecord> validation = keys.validation().stream().map(videos::get).toList();
        List<VideoRecord> test = split.testKeys().stream().map(videos::get).toList();
        if (!options.quiet()) {
            say(String.format(Locale.ROOT, "split %d/%d: %d training, %d validation, %d test videos", k + 1, count,
                    train.size(), validation.size(), test.size()));
        }
        try (NDManager manager = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(spec, manager, config.seed(), textEncoder)) {
            Trainer.Start start = Trainer.Start.FRESH;
            // frozen text-encoder parts are not in the state: they come from the initialisation, as at the start
            initialise(model);
            if (state != null) {
                try {
                    model.loadSome(state.parameters());
                } catch (IllegalArgumentException e) {
                    throw new UserException(stateFile + " does not fit this run's model (" + e.getMessage()
                            + "); delete it to restart split " + k, e);
                }
                start = new Trainer.Start(state.epoch() + 1, state.optimizer());
            }
            SplitProgress p = progress;
            EpochListener listener = new EpochListener() {
                @Override
                public void onEpochEnd(EpochResult result, ProgressiveSummarizer m) {
                    throw new IllegalStateException("the trainer passes the optimiser");
                }

                @Override
                public void onEpochEnd(EpochResult result, ProgressiveSummarizer m, TorchAdam adam) {
                    afterEpoch(k, count, p, result, m, adam, train, validation, test, metric, done, stateFile,
                            progressFile);
                }
            };
            if (start.epoch() < config.maxEpochs()) {
                new Trainer(TrainingOptions.of(config, options.quiet())).fit(model, train,
                        texts == null ? null : byRecordKey(train, texts.training()), listener, start);
            }
            finish(k, p, progressFile, stateFile);
            return p;
        }
    }

    private void afterEpoch(int k, int count, SplitProgress p, EpochResult result, ProgressiveSummarizer model,
            TorchAdam adam, List<VideoRecord> train, List<VideoRecord> validation, List<VideoRecord> test,
            Metric metric, List<SplitProgress> done, Path stateFile, Path progressFile) {
        List<VideoEvaluation> testVideos = evaluate(model, test, metric);
        EvaluationSummary testMean = EvaluationSummary.of(testVideos);
        EvaluationSummary validationMean = validation.isEmpty() ? null
                : EvaluationSummary.of(evaluate(model, validation, metric));
        int epoch = result.epoch();
        p.epochs.add(new SplitProgress.Epoch(epoch, result.meanLoss(), result.learningRate(), result.seconds(),
                testMean, validationMean, testVideos));
        List<Integer> alive = EpochCandidates.survivors(p.selectionRows(), rule);
        Set<Integer> aliveEpochs = new HashSet<>();
        alive.forEach(i -> aliveEpochs.add(p.epochs.get(i).epoch()));
        if (aliveEpochs.contains(epoch)) {
            new TorchCheckpointStore().save(candidate(k, epoch), model.exportTensors(), config, epoch);
        }
        // progress before state: on resume, epochs after the saved state's are dropped and rerun
        p.write(progressFile);
        TrainingState.save(stateFile, model, adam, epoch, config);
        deleteCandidatesExcept(k, aliveEpochs);
        List<SplitProgress> all = new ArrayList<>(done);
        all.add(p);
        MetricsCsv.write(metricsCsv(), all);
        if (!options.quiet()) {
            say(String.format(Locale.ROOT, "split %d/%d epoch %d/%d: loss %.4f%s | test %s (%.1f s)", k + 1, count,
                    epoch + 1, config.maxEpochs(), result.meanLoss(),
                    validationMean == null ? "" : " | validation " + measures(validationMean), measures(testMean),
                    result.seconds()));
        }
        epochsTrained++;
        if (epochsTrained == interruptAfterEpochs) {
            throw new Interrupted("interrupted after " + epochsTrained + " epochs (test hook)");
        }
    }

    /** Chooses the split's epoch, keeps its checkpoint as split<k>.ckpt and removes the rest. */
    private void finish(int k, SplitProgress p, Path progressFile, Path stateFile) {
        int chosen = p.epochs.get(EpochSelection.best(p.selectionRows(), rule)).epoch();
        Path finalCkpt = checkpoint(k);
        Path winner = candidate(k, chosen);
        if (Files.exists(winner)) {
            move(winner, finalCkpt);
        } else if (!Files.exists(finalCkpt)) {
            throw new IllegalStateException(winner + " is missing: the chosen epoch's checkpoint was lost; delete "
                    + progressFile + " to rerun split " + k);
        }
        p.chosenEpoch = chosen;
        p.write(progressFile);
        deleteCandidatesExcept(k, Set.of());
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EpochMetrics m = p.epoch(chosen).testMetrics();
        say(String.format(Locale.ROOT, "split %d: chose epoch %d on %s: test F %.3f tau %s rho %s -> %s", k + 1,
                chosen + 1, options.selection().label(), m.fScore(), cell(m.kendall()), cell(m.spearman()),
                finalCkpt));
    }

    private SplitOutcome outcome(SplitProgress p) {
        SplitProgress.Epoch e = p.epoch(p.chosenEpoch);
        return new SplitOutcome(p.split, e.testMetrics(), e.testVideos(), checkpoint(p.split));
    }

    /** The pretrained weights (read once per run) into a fresh model; what was missing is said once. */
    private void initialise(ProgressiveSummarizer model) {
        Path file = options.inputs().pretrained();
        if (file == null) {
            return;
        }
        if (pretrainedTensors == null) {
            String prefix = SummarizerCheckpoints.prefixOf(TorchCheckpoint.load(file, n -> false));
            Map<String, long[]> expected = new LinkedHashMap<>();
            model.parameterShapes().forEach((n, s) -> expected.put(n, s.getShape()));
            pretrainedReport = NonStrictLoad.fromFile(file, prefix, expected);
            if (pretrainedReport.matched().isEmpty()) {
                throw new UserException(file + ": none of the model's parameters are in this checkpoint (is it a "
                        + "video summarizer or the authors' pretrained_model.ckpt?)");
            }
            pretrainedTensors = new LinkedHashMap<>();
            for (Map.Entry<String, TorchTensor> e : pretrainedReport.matched().entrySet()) {
                pretrainedTensors.put(e.getKey(), new ParameterTensor(e.getValue().shape(), e.getValue().data()));
            }
            say(pretrainedReport.describe());
        }
        model.loadSome(pretrainedTensors);
    }

    private List<VideoEvaluation> evaluate(ProgressiveSummarizer model, List<VideoRecord> videos, Metric metric) {
        List<VideoEvaluation> out = new ArrayList<>();
        Map<String, long[]> ids = texts == null ? null : byRecordKey(videos, texts.evaluation());
        for (VideoRecord v : videos) {
            float[] scores = ids == null ? model.predict(v.features()) : model.predictWithText(v.features(),
                    ids.get(v.key()));
            out.add(evaluator.evaluate(v, scores, metric));
        }
        return out;
    }

    /** The text inputs of every video of the split file, by split key. */
    private VideoTextInputs readTexts(Map<String, VideoRecord> videos) {
        Path root = options.inputs().infoEmbedRoot();
        if (root == null) {
            throw new UserException("config " + options.exp() + " uses text guidance (with_info_guide: true) but no "
                    + "token folder was given (info_embed_root_test); " + RunInputs.INFO_EMBED_HINT);
        }
        TextInputBuilder.Limits limits = new TextInputBuilder.Limits(config.maxCat(), config.maxQuery(),
                config.maxTitle(), config.maxDesc());
        return VideoTextInputs.read(root, videos.keySet(), limits, RunInputs.INFO_EMBED_HINT);
    }

    /** Text ids re-keyed from split keys to the records' keys (what the trainer and evaluation look up). */
    private Map<String, long[]> byRecordKey(List<VideoRecord> records, Map<String, long[]> bySplitKey) {
        Map<String, long[]> out = new LinkedHashMap<>();
        Map<VideoRecord, String> splitKeyOf = new java.util.IdentityHashMap<>();
        allVideos.forEach((key, record) -> splitKeyOf.put(record, key));
        for (VideoRecord r : records) {
            out.put(r.key(), bySplitKey.get(splitKeyOf.getOrDefault(r, r.key())));
        }
        return out;
    }

    /**
     * The text encoder of a text-guided run: the BERT whose weights the pretrained checkpoint holds (the authors'
     * {@code pretrained_model.ckpt}: bert-base, H 768; sizes from the stored shapes, {@link BertConfig#inferFrom}),
     * else all-MiniLM-L6-v2 (H 384) from the bundled ONNX file. Embeddings and encoder are frozen, the pooler learns
     * when {@code text_trainable} ({@link TextTraining#forSummarizer}).
     */
    private TextEncoderChoice chooseTextEncoder() {
        TextTraining training = TextTraining.forSummarizer(config.textTrainable());
        Path file = options.inputs().pretrained();
        if (file != null) {
            BertConfig bert = SummarizerCheckpoints.textEncoderIn(TorchCheckpoint.load(file, n -> false));
            if (bert != null) {
                textFromCheckpoint = true;
                return TextEncoderChoice.random(bert, training);
            }
        }
        if (textEncoderOverride != null) {
            return new TextEncoderChoice(textEncoderOverride.config(), textEncoderOverride.pretrained(), training);
        }
        return TextEncoderChoice.forSummarizer(BertConfig.miniLmL6().layers(), config.textTrainable());
    }

    private String describe(TextEncoderChoice choice) {
        BertConfig b = choice.config();
        String source = choice.pretrained() ? "all-MiniLM-L6-v2 (bundled ONNX)"
                : textFromCheckpoint ? "BERT from " + options.inputs().pretrained().getFileName()
                : "a freshly initialised BERT";
        return String.format(Locale.ROOT, "%s, H %d, %d layer(s); embeddings and encoder frozen, pooler %s",
                source, b.hidden(), b.layers(), choice.training() == TextTraining.FROZEN ? "frozen" : "learning");
    }

    private void requireSameRun(SplitProgress saved, SplitProgress now, Path file) {
        List<String> differences = new ArrayList<>();
        if (!saved.configJson.equals(now.configJson)) {
            differences.add("config");
        }
        if (!saved.selection.equals(now.selection)) {
            differences.add("selection (" + saved.selection + " there, " + now.selection + " now)");
        }
        if (!java.util.Objects.equals(saved.pretrained, now.pretrained)) {
            differences.add("pretrained checkpoint (" + saved.pretrained + " there, " + now.pretrained + " now)");
        }
        if (!saved.trainKeys.equals(now.trainKeys) || !saved.validationKeys.equals(now.validationKeys)
                || !saved.testKeys.equals(now.testKeys)) {
            differences.add("split keys");
        }
        if (!differences.isEmpty()) {
            throw new UserException(experimentDir + " holds a run with another " + String.join(", ", differences)
                    + " (" + file.getFileName() + "); to keep it, give this run another --name (or --results "
                    + "folder); to start over, delete " + experimentDir);
        }
    }

    private Map<String, VideoRecord> readAll(DataDirectory data, List<Split> splits) {
        Set<String> keys = new LinkedHashSet<>();
        for (Split s : splits) {
            keys.addAll(s.trainKeys());
            keys.addAll(s.testKeys());
        }
        Map<String, VideoRecord> videos = new LinkedHashMap<>();
        for (String k : keys) {
            videos.put(k, data.read(k));
        }
        allVideos = videos;
        return videos;
    }

    private static int featureWidth(Map<String, VideoRecord> videos) {
        return sspvs.data.FeatureWidths.common(videos);
    }

    private void writeProvenance(Path file, DataDirectory data, List<Split> splits, List<SplitProgress> progress,
            List<SplitOutcome> outcomes, Metric metric) {
        JsonNode configTree;
        try {
            configTree = JSON.readTree(config.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Provenance prov = Provenance.builder(options.exp(), configTree, config.seed(), options.selection(), rule);
        Set<Path> files = new LinkedHashSet<>();
        for (Split s : splits) {
            s.trainKeys().forEach(k -> files.add(data.fileFor(k)));
            s.testKeys().forEach(k -> files.add(data.fileFor(k)));
        }
        files.forEach(prov::dataFile);
        outcomes.forEach(o -> prov.split(new Provenance.SplitResult(o.split(), o.chosen(), o.videos())));
        ObjectNode root = prov.toJson();
        root.put("metric", metric.name().toLowerCase(Locale.ROOT));
        root.put("split_file", options.inputs().splitFile().toString());
        root.put("split_file_sha256", sspvs.io.Sha256.of(options.inputs().splitFile()));
        root.put("pretrained", pretrainedLabel());
        if (options.inputs().pretrained() != null) {
            root.put("pretrained_sha256", sspvs.io.Sha256.of(options.inputs().pretrained()));
        }
        if (textEncoder != null) {
            ObjectNode text = root.putObject("text_guidance");
            text.put("info_embed_root", options.inputs().infoEmbedRoot().toAbsolutePath().normalize().toString());
            text.put("encoder", describe(textEncoder));
            text.put("hidden", textEncoder.config().hidden());
            text.put("layers", textEncoder.config().layers());
            // one digest over every token file read (key and file hash, in key order)
            StringBuilder hashes = new StringBuilder();
            for (String key : new java.util.TreeSet<>(texts.evaluation().keySet())) {
                hashes.append(key).append(':').append(sspvs.io.Sha256.of(VideoTextInfo.fileOf(
                        options.inputs().infoEmbedRoot(), key))).append('\n');
            }
            text.put("token_files", texts.evaluation().size());
            text.put("token_files_sha256", sspvs.io.Sha256.ofText(hashes.toString()));
        }
        root.put("validation_percent", options.selection() == EpochSelection.Selection.VALIDATION
                ? ValidationKeys.PERCENT : 0);
        ArrayNode splitNodes = (ArrayNode) root.get("splits");
        for (int i = 0; i < splitNodes.size(); i++) {
            ObjectNode node = (ObjectNode) splitNodes.get(i);
            SplitProgress p = progress.get(i);
            node.put("checkpoint", outcomes.get(i).checkpoint().getFileName().toString());
            p.trainKeys.forEach(node.putArray("train_keys")::add);
            p.validationKeys.forEach(node.putArray("validation_keys")::add);
            p.testKeys.forEach(node.putArray("test_keys")::add);
        }
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printSummary(List<SplitOutcome> outcomes, RecordsCsv.Row row) {
        PrintWriter out = options.out();
        out.printf("%-8s %6s %7s %7s %7s%n", "split", "epoch", "F", "tau", "rho");
        for (SplitOutcome o : outcomes) {
            out.printf(Locale.ROOT, "%-8d %6d %7.3f %7s %7s%n", o.split() + 1, o.chosen().epoch() + 1,
                    o.chosen().fScore(), cell(o.chosen().kendall()), cell(o.chosen().spearman()));
        }
        out.printf(Locale.ROOT, "%s: F %s, tau %s, rho %s (test metrics, epoch chosen on %s) -> %s%n", row.exp(),
                cell(row.fScore()), cell(row.kendall()), cell(row.spearman()), row.selection(),
                options.recordsCsv());
        out.flush();
    }

    private String pretrainedLabel() {
        Path p = options.inputs().pretrained();
        return p == null ? null : p.toAbsolutePath().normalize().toString();
    }

    private Path metricsCsv() {
        return experimentDir.resolve("metrics.csv");
    }

    private Path checkpoint(int k) {
        return experimentDir.resolve("split" + k + ".ckpt");
    }

    private Path candidate(int k, int epoch) {
        return experimentDir.resolve("split" + k + ".epoch" + epoch + ".ckpt");
    }

    private void deleteCandidatesExcept(int k, Set<Integer> keep) {
        String prefix = "split" + k + ".epoch";
        try (var files = Files.list(experimentDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".ckpt")) {
                    String middle = name.substring(prefix.length(), name.length() - ".ckpt".length());
                    if (middle.chars().allMatch(Character::isDigit) && !keep.contains(Integer.parseInt(middle))) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createFolder() {
        try {
            Files.createDirectories(experimentDir);
        } catch (IOException e) {
            throw new UserException(experimentDir + ": cannot create the results folder (" + e.getMessage() + ")", e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void say(String line) {
        options.out().println(line);
        options.out().flush();
    }

    private static String measures(EvaluationSummary s) {
        return String.format(Locale.ROOT, "F %.3f tau %s rho %s", s.fScore(), cell(s.kendall()), cell(s.spearman()));
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
