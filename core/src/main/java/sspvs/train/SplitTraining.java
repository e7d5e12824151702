package sspvs.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.Split;
import sspvs.data.VideoRecord;
import sspvs.eval.EvaluationSummary;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.eval.VideoEvaluation;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;
import sspvs.report.EpochCandidates;
import sspvs.report.EpochMetrics;
import sspvs.report.EpochSelection;

/**
 * Trains one split of a run, or reads it back: a fresh model from the run's seeded initialisation and pretrained
 * weights, trained epoch by epoch; after each epoch the held-out videos are evaluated, the split's progress and
 * training state saved (so a stopped run resumes exactly), and only the candidate checkpoints that can still win
 * kept ({@link EpochCandidates}). At the end the epoch is chosen with the run's rule and its checkpoint becomes
 * {@code split<k>.ckpt} ({@link ResultsFolder}).
 */
final class SplitTraining {
    /**
     * What every split of a run shares.
     *
     * @param text the text side of a text-guided run, else null
     * @param videos every video of the split file, by split key
     * @param inputs the SHA-256 of every input file by what it is; a resumed split must have started from the same
     * @param clock the whole run's elapsed and remaining time (all splits and seeds), for the per-epoch line
     */
    record Setup(RunConfig config, EpochSelection.Selection selection, EpochSelection.Rule rule, Metric metric,
            SummarizerSpec spec, ResultsFolder folder, PretrainedWeights pretrained, TextGuidance text,
            Map<String, VideoRecord> videos, Map<String, String> inputs, RunLog log, RunClock clock) {}

    /** One split's videos and bookkeeping while it trains. */
    private record Job(int k, int count, List<VideoRecord> train, List<VideoRecord> validation,
            List<VideoRecord> test, SplitProgress progress, List<SplitProgress> done) {}

    /** Test hook: stops the run (throwing) after a number of epochs trained by this process. */
    static final class StopAfter {
        static final StopAfter NEVER = new StopAfter(-1);
        private final int epochs;
        private int trained;

        StopAfter(int epochs) {
            this.epochs = epochs;
        }

        void epochTrained() {
            trained++;
            if (trained == epochs) {
                throw new ExperimentRunner.Interrupted("interrupted after " + trained + " epochs (test hook)");
            }
        }
    }

    private final Setup run;
    private final StopAfter stopAfter;
    private final Evaluator evaluator = new Evaluator();

    SplitTraining(Setup run, StopAfter stopAfter) {
        this.run = run;
        this.stopAfter = stopAfter;
    }

    /** The progress this split would start from now: its keys and the run's identity. */
    SplitProgress fresh(int k, Split split) {
        RunConfig config = run.config();
        ValidationKeys keys = run.selection() == EpochSelection.Selection.VALIDATION
                ? ValidationKeys.carve(split, config.seed(), k) : new ValidationKeys(split.trainKeys(), List.of());
        SplitProgress p = new SplitProgress(k, config.toJson(), run.selection().label(), run.pretrained().label(),
                keys.train(), keys.validation(), split.testKeys());
        p.inputs = run.inputs();
        return p;
    }

    /** Trains split {@code k} of {@code count} (or resumes or reads it back); {@code done} are the splits before. */
    SplitProgress train(int k, int count, Split split, List<SplitProgress> done) {
        ResultsFolder folder = run.folder();
        SplitProgress fresh = fresh(k, split);
        SplitProgress progress = fresh;
        TrainingState state = null;
        if (Files.exists(folder.progress(k))) {
            SplitProgress saved = SplitProgress.read(folder.progress(k));
            requireSameRun(saved, fresh);
            if (saved.finished()) {
                run.log().say(String.format(Locale.ROOT, "split %d/%d: finished earlier (epoch %d chosen), read back",
                        k + 1, count, saved.chosenEpoch + 1)); // stored 0-based, said 1-based as when chosen
                run.clock().skipped(run.config().maxEpochs());
                return saved;
            }
            if (Files.exists(folder.state(k))) {
                state = TrainingState.load(folder.state(k));
                saved.truncateAfter(state.epoch());
                progress = saved;
                run.clock().skipped(state.epoch() + 1);
                run.log().say(String.format(Locale.ROOT, "split %d/%d: resuming after epoch %d", k + 1, count,
                        state.epoch() + 1));
            }
        }
        Job job = new Job(k, count, records(progress.trainKeys), records(progress.validationKeys),
                records(progress.testKeys), progress, done);
        run.log().detail(String.format(Locale.ROOT, "split %d/%d: %d training, %d validation, %d test videos", k + 1,
                count, job.train().size(), job.validation().size(), job.test().size()));
        RunConfig config = run.config();
        try (NDManager manager = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(run.spec(), manager, config.seed(),
                        run.text() == null ? null : run.text().encoder())) {
            Trainer.Start start = Trainer.Start.FRESH;
            // frozen text-encoder parts are not in the state: they come from the initialisation, as at the start
            run.pretrained().loadInto(model);
            if (state != null) {
                try {
                    model.loadSome(state.parameters());
                } catch (IllegalArgumentException e) {
                    throw new UserException(folder.state(k) + " does not fit this run's model (" + e.getMessage()
                            + "); delete it to restart split " + k, e);
                }
                start = new Trainer.Start(state.epoch() + 1, state.optimizer());
            }
            if (start.epoch() < config.maxEpochs()) {
                new Trainer(TrainingOptions.of(config, run.log().quiet())).fit(model, job.train(),
                        run.text() == null ? null : run.text().trainingIds(job.train()),
                        (result, m, adam) -> afterEpoch(job, result, m, adam), start);
            }
            finish(job);
            return job.progress();
        }
    }

    private List<VideoRecord> records(List<String> keys) {
        return keys.stream().map(run.videos()::get).toList();
    }

    private void afterEpoch(Job job, EpochResult result, ProgressiveSummarizer model, TorchAdam adam) {
        ResultsFolder folder = run.folder();
        SplitProgress p = job.progress();
        List<VideoEvaluation> testVideos = evaluate(model, job.test());
        EvaluationSummary testMean = EvaluationSummary.of(testVideos);
        EvaluationSummary validationMean = job.validation().isEmpty() ? null
                : EvaluationSummary.of(evaluate(model, job.validation()));
        int epoch = result.epoch();
        Long peakRssMb = ResidentMemory.peakBytes().stream().mapToObj(ResidentMemory::mebibytes).findFirst()
                .orElse(null);
        p.epochs.add(new SplitProgress.Epoch(epoch, result.meanLoss(), result.learningRate(), result.seconds(),
                testMean, validationMean, testVideos, peakRssMb));
        Set<Integer> aliveEpochs = new HashSet<>();
        EpochCandidates.survivors(p.selectionRows(), run.rule()).forEach(i -> aliveEpochs.add(p.epochs.get(i).epoch()));
        if (aliveEpochs.contains(epoch)) {
            new TorchCheckpointStore().save(folder.candidate(job.k(), epoch), model.exportTensors(), run.config(),
                    epoch);
        }
        // progress before state: on resume, epochs after the saved state's are dropped and rerun
        p.write(folder.progress(job.k()));
        TrainingState.save(folder.state(job.k()), model, adam, epoch, run.config());
        folder.keepCandidates(job.k(), aliveEpochs);
        List<SplitProgress> all = new ArrayList<>(job.done());
        all.add(p);
        MetricsCsv.write(folder.metricsCsv(), all);
        String time = run.clock().epochTrained(result.seconds());
        run.log().detail(String.format(Locale.ROOT, "split %d/%d epoch %d/%d: loss %.4f%s | test %s (%.1f s; %s)",
                job.k() + 1, job.count(), epoch + 1, run.config().maxEpochs(), result.meanLoss(),
                validationMean == null ? "" : " | validation " + measures(validationMean), measures(testMean),
                result.seconds(), peakRssMb == null ? time : "peak RSS " + peakRssMb + " MB; " + time));
        stopAfter.epochTrained();
    }

    /** Chooses the split's epoch, keeps its checkpoint as split<k>.ckpt and removes the rest. */
    private void finish(Job job) {
        ResultsFolder folder = run.folder();
        SplitProgress p = job.progress();
        int k = job.k();
        int chosen = p.epochs.get(EpochSelection.best(p.selectionRows(), run.rule())).epoch();
        folder.promote(k, chosen);
        p.chosenEpoch = chosen;
        p.write(folder.progress(k));
        folder.keepCandidates(k, Set.of());
        folder.deleteState(k);
        EpochMetrics m = p.epoch(chosen).testMetrics();
        run.log().say(String.format(Locale.ROOT, "split %d: chose epoch %d on %s: test F %.3f tau %s rho %s -> %s",
                k + 1, chosen + 1, run.selection().label(), m.fScore(), cell(m.kendall()), cell(m.spearman()),
                folder.checkpoint(k)));
    }

    private List<VideoEvaluation> evaluate(ProgressiveSummarizer model, List<VideoRecord> videos) {
        List<VideoEvaluation> out = new ArrayList<>();
        Map<String, long[]> ids = run.text() == null ? null : run.text().evaluationIds(videos);
        for (VideoRecord v : videos) {
            float[] scores = ids == null ? model.predict(v.features())
                    : model.predictWithText(v.features(), ids.get(v.key()));
            out.add(evaluator.evaluate(v, scores, run.metric()));
        }
        return out;
    }

    /** Refuses to continue a split that started from other inputs, naming each difference. */
    private void requireSameRun(SplitProgress saved, SplitProgress now) {
        List<String> differences = new ArrayList<>();
        if (!saved.configJson.equals(now.configJson)) {
            differences.add("config (" + ConfigDifference.describe(saved.configJson, now.configJson) + ")");
        }
        if (!saved.selection.equals(now.selection)) {
            differences.add("selection (" + saved.selection + " there, " + now.selection + " now)");
        }
        if (!java.util.Objects.equals(saved.pretrained, now.pretrained)) {
            differences.add("pretrained checkpoint (" + saved.pretrained + " there, " + now.pretrained + " now)");
        }
        if (saved.inputs != null) {
            for (Map.Entry<String, String> e : now.inputs.entrySet()) {
                String before = saved.inputs.get(e.getKey());
                if (before == null) {
                    differences.add(e.getKey() + " (not among the inputs it started with)");
                } else if (!before.equals(e.getValue())) {
                    differences.add(e.getKey() + " (its contents changed since the run started: SHA-256 "
                            + before.substring(0, 12) + "… there, " + e.getValue().substring(0, 12) + "… now)");
                }
            }
        }
        if (!saved.trainKeys.equals(now.trainKeys) || !saved.validationKeys.equals(now.validationKeys)
                || !saved.testKeys.equals(now.testKeys)) {
            differences.add("split keys");
        }
        if (!differences.isEmpty()) {
            Path dir = run.folder().dir();
            throw new UserException(dir + " holds a run with another " + String.join(", ", differences)
                    + " (" + run.folder().progress(now.split).getFileName() + ")",
                    UserException.Remedy.OTHER_NAME_OR_RESTART);
        }
    }

    private static String measures(EvaluationSummary s) {
        return String.format(Locale.ROOT, "F %.3f tau %s rho %s", s.fScore(), cell(s.kendall()), cell(s.spearman()));
    }

    static String cell(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
