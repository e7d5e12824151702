package sspvs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sspvs.config.SslConfig;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.ssl.SelfSupervisedModel;
import sspvs.io.AtomicFiles;
import sspvs.report.Provenance;

/**
 * What a pre-training run leaves in its folder ({@code results/SSL/} for {@code configs/ssl.yaml}), each file
 * rewritten atomically after every epoch so an interrupted run leaves consistent files:
 * <ul>
 *   <li>{@value #METRICS}: one row per epoch (training means; validation figures in validated epochs);</li>
 *   <li>{@value #CHECKPOINT}: the model of the best validation accuracy so far, as a PyTorch Lightning-style
 *       {@code .ckpt} ({@code state_dict} names prefixed {@code video_model.}, like the authors'
 *       {@code pretrained_model.ckpt}, so the summarizer starts from it with a non-strict load), plus
 *       {@code epoch}, {@code global_step} and the config as JSON ({@code sspvs_config});</li>
 *   <li>{@value #LAST}: the model after the final epoch (Lightning's {@code save_last}, which the reference sets);</li>
 *   <li>{@value #RUN}: provenance ({@link Provenance}, as for {@code run}) — config, seed, data folder, versions,
 *       start time, the best epoch so far;</li>
 *   <li>{@value #STATE}: while the run is unfinished, the {@link PretrainState} after the last completed epoch
 *       (written after the files above, removed after the last epoch), from which the same command resumes.</li>
 * </ul>
 */
public final class PretrainOutputs implements SslTrainer.Listener {
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "best.ckpt";
    public static final String RUN = "run.json";
    public static final String LAST = "last.ckpt";
    public static final String STATE = "state.ckpt";
    static final String HEADER = "epoch,lr,train_loss,train_video_text_loss,train_mask_predict_loss,"
            + "train_contrast_loss,train_video_text_acc,val_video_text_acc,val_mask_predict_loss,val_contrast_loss,"
            + "seconds";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final SslConfig config;
    private final Provenance run;
    private final List<String> rows = new ArrayList<>();
    private final int stepsPerEpoch;
    private final String dataDigest;
    private int bestEpoch = -1;
    private double bestAccuracy = Double.NEGATIVE_INFINITY;

    /** What a folder holds of an earlier run of the same config on the same data. */
    public sealed interface Earlier {
        /** Nothing to continue: no state (a run killed in its first epoch leaves none). */
        record None() implements Earlier {}

        /** An unfinished run: continue from its state. */
        record Unfinished(PretrainState state) implements Earlier {}

        /** A run that ended: nothing to do. */
        record Finished(int epochs, Integer bestEpoch) implements Earlier {}
    }

    /**
     * Refuses a config whose run would end without the checkpoint it promises: no epochs, or fewer epochs than
     * {@code val_freq} (no validation, so no best model to keep).
     */
    public static void requireCheckpointPromised(SslConfig config) {
        if (config.maxEpochs() < 1) {
            throw new sspvs.UserException("max_epochs is " + config.maxEpochs() + ": pre-training needs at least one "
                    + "epoch to write " + CHECKPOINT);
        }
        if (config.maxEpochs() < config.valFreq()) {
            throw new sspvs.UserException("max_epochs " + config.maxEpochs() + " is below val_freq "
                    + config.valFreq() + ": no validation would run, so no " + CHECKPOINT + " would be written");
        }
    }

    /**
     * @param provenance extra entries for {@value #RUN} (data folder, versions, ...)
     * @param stepsPerEpoch optimisation steps per epoch (for the checkpoint's {@code global_step})
     */
    public PretrainOutputs(Path dir, SslConfig config, Map<String, Object> provenance, int stepsPerEpoch) {
        this(dir, config, provenance, stepsPerEpoch, "", null);
    }

    /**
     * As {@link #PretrainOutputs(Path, SslConfig, Map, int)}, recording {@code dataDigest} in each state and
     * {@value #RUN}; with {@code resumed}, the metrics rows of its epochs are kept and training goes on after it.
     */
    public PretrainOutputs(Path dir, SslConfig config, Map<String, Object> provenance, int stepsPerEpoch,
            String dataDigest, PretrainState resumed) {
        this.dir = dir;
        this.config = config;
        this.stepsPerEpoch = stepsPerEpoch;
        this.dataDigest = dataDigest;
        if (resumed != null) {
            rows.addAll(rowsUpTo(resumed.epoch()));
            bestEpoch = resumed.bestEpoch();
            bestAccuracy = resumed.bestAccuracy();
        }
        try {
            this.run = Provenance.forPretraining(dir.getFileName().toString(), JSON.readTree(config.toJson()),
                    config.seed());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run.put("command", "sspvs pretrain");
        run.put("provenance", provenance);
        run.put("data_digest", dataDigest);
        run.put("resumed_after_epochs", resumed == null ? null : resumed.epoch() + 1);
        run.put("best_epoch", bestEpoch < 0 ? null : bestEpoch);
        run.put("best_val_video_text_acc", bestEpoch < 0 ? null : bestAccuracy);
        run.put("epochs_done", resumed == null ? 0 : resumed.epoch() + 1);
        run.write(dir.resolve(RUN));
        writeMetrics();
    }

    /**
     * What {@code dir} holds of an earlier run: an unfinished one is continued only with the same config and data,
     * a finished one is left as it is; any other is refused, naming what differs (the user chooses: another
     * folder, or {@code --restart}).
     */
    public static Earlier earlier(Path dir, SslConfig config, String dataDigest) {
        Saved saved = saved(dir, config);
        if (saved == null) {
            return new Earlier.None();
        }
        requireSame(dir, saved, config, dataDigest);
        return saved.state() != null ? new Earlier.Unfinished(saved.state())
                : new Earlier.Finished(config.maxEpochs(), saved.bestEpoch());
    }

    /**
     * As {@link #earlier}'s check of the config alone, for before the data exists: {@code --synthetic} writes its
     * data into the run's folder, which must not replace the data of a run it then refuses.
     */
    public static void requireSameConfig(Path dir, SslConfig config) {
        Saved saved = saved(dir, config);
        if (saved != null) {
            requireSame(dir, saved, config, null);
        }
    }

    /** The inputs an earlier run here started from: its state's, or a finished run's (null when neither). */
    private record Saved(String configJson, String dataDigest, PretrainState state, Integer bestEpoch) {}

    private static Saved saved(Path dir, SslConfig config) {
        Path state = dir.resolve(STATE);
        if (Files.isRegularFile(state)) {
            PretrainState s = PretrainState.load(state);
            return new Saved(s.configJson(), s.dataDigest(), s, null);
        }
        JsonNode run = readRun(dir);
        if (run != null && Files.isRegularFile(dir.resolve(LAST))
                && run.path("epochs_done").asInt(-1) == config.maxEpochs()) {
            String configJson = TorchCheckpoint.load(dir.resolve(LAST)).stringEntry("sspvs_config");
            JsonNode best = run.get("best_epoch");
            return new Saved(configJson == null ? "{}" : configJson, run.path("data_digest").asText(""), null,
                    best == null || best.isNull() ? null : best.asInt());
        }
        return null;
    }

    /** Deletes what a run writes here (not the data or anything else of the user's); returns how many files. */
    public static int deleteEarlierRun(Path dir) {
        int n = 0;
        for (String name : List.of(STATE, CHECKPOINT, LAST, METRICS, RUN)) {
            try {
                n += Files.deleteIfExists(dir.resolve(name)) ? 1 : 0;
            } catch (IOException e) {
                throw new sspvs.UserException(dir.resolve(name) + ": cannot delete (" + e.getMessage() + ")");
            }
        }
        return n;
    }

    private static void requireSame(Path dir, Saved saved, SslConfig config, String dataDigest) {
        List<String> differences = new ArrayList<>();
        if (!saved.configJson().equals(config.toJson())) {
            differences.add("config (" + ConfigDifference.describe(saved.configJson(), config.toJson()) + ")");
        }
        if (dataDigest != null && !saved.dataDigest().equals(dataDigest)) {
            differences.add("data (the video lists or the sizes of their files changed since it started)");
        }
        if (!differences.isEmpty()) {
            throw new sspvs.UserException(dir + " holds a pre-training run with another " + String.join(", ",
                    differences), sspvs.UserException.Remedy.OTHER_OUTPUT_OR_RESTART);
        }
    }

    private static JsonNode readRun(Path dir) {
        Path file = dir.resolve(RUN);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null; // a run.json we cannot read says nothing about a finished run: train
        }
    }

    /** The metrics rows of epochs 0..{@code epoch} an interrupted run wrote, checked against its state. */
    private List<String> rowsUpTo(int epoch) {
        Path file = dir.resolve(METRICS);
        List<String> lines;
        try {
            lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new sspvs.UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER) || lines.size() < epoch + 2) {
            throw new sspvs.UserException(file + " does not hold the " + (epoch + 1) + " epoch row(s) that " + STATE
                    + " says were trained", sspvs.UserException.Remedy.RESTART);
        }
        return new ArrayList<>(lines.subList(1, epoch + 2));
    }

    private void writeMetrics() {
        AtomicFiles.writeString(dir.resolve(METRICS), HEADER + "\n" + (rows.isEmpty() ? ""
                : String.join("\n", rows) + "\n"));
    }

    @Override
    public void onEpochEnd(SslTrainer.EpochSummary s, SelfSupervisedModel model, TorchAdam adam) {
        SslTrainer.Validation v = s.validation();
        rows.add(String.join(",", Integer.toString(s.epoch()), num(s.learningRate()), num(s.loss()), num(s.bce()),
                num(s.mse()), num(s.contrast()), num(s.trainAccuracy()), v == null ? "" : num(v.accuracy()),
                v == null ? "" : num(v.mse()), v == null ? "" : num(v.contrast()), String.format(Locale.ROOT, "%.2f",
                        s.seconds())));
        writeMetrics();
        if (s.best()) {
            writeCheckpoint(dir.resolve(CHECKPOINT), s, model);
            bestEpoch = s.epoch();
            bestAccuracy = v.accuracy();
            run.put("best_epoch", s.epoch());
            run.put("best_val_video_text_acc", v.accuracy());
        }
        boolean last = s.epoch() == config.maxEpochs() - 1;
        if (last) {
            writeCheckpoint(dir.resolve(LAST), s, model);
        }
        run.put("epochs_done", s.epoch() + 1);
        run.write(dir.resolve(RUN));
        // the state last: a run killed before it is written redoes this epoch, to the same files
        if (last) {
            try {
                Files.deleteIfExists(dir.resolve(STATE));
            } catch (IOException e) {
                throw new sspvs.UserException(dir.resolve(STATE) + ": cannot delete after the last epoch ("
                        + e.getMessage() + ")");
            }
        } else {
            PretrainState.save(dir.resolve(STATE), model, adam, s.epoch(), bestEpoch, bestAccuracy, config.toJson(),
                    dataDigest);
        }
    }

    private void writeCheckpoint(Path file, SslTrainer.EpochSummary s, SelfSupervisedModel model) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("epoch", (long) s.epoch());
        extra.put("global_step", (long) (s.epoch() + 1) * stepsPerEpoch);
        extra.put("sspvs_config", config.toJson());
        if (s.validation() != null) {
            extra.put("sspvs_metrics", String.format(Locale.ROOT, "{\"val/video_text_acc\": %s}",
                    num(s.validation().accuracy())));
        }
        TorchCheckpoint.write(file, model.stateDict().withPrefix(NonStrictLoad.LIGHTNING_PREFIX), extra);
    }

    /** The best checkpoint (present once a validation has run). */
    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    private static String num(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.6g", x);
    }
}
