package sspvs.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 *       start time, the best epoch so far.</li>
 * </ul>
 */
public final class PretrainOutputs implements SslTrainer.Listener {
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "best.ckpt";
    public static final String RUN = "run.json";
    public static final String LAST = "last.ckpt";
    static final String HEADER = "epoch,lr,train_loss,train_video_text_loss,train_mask_predict_loss,"
            + "train_contrast_loss,train_video_text_acc,val_video_text_acc,val_mask_predict_loss,val_contrast_loss,"
            + "seconds";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final SslConfig config;
    private final Provenance run;
    private final List<String> rows = new ArrayList<>();
    private final int stepsPerEpoch;

    /**
     * @param provenance extra entries for {@value #RUN} (data folder, versions, ...)
     * @param stepsPerEpoch optimisation steps per epoch (for the checkpoint's {@code global_step})
     */
    public PretrainOutputs(Path dir, SslConfig config, Map<String, Object> provenance, int stepsPerEpoch) {
        this.dir = dir;
        this.config = config;
        this.stepsPerEpoch = stepsPerEpoch;
        try {
            this.run = Provenance.forPretraining(dir.getFileName().toString(), JSON.readTree(config.toJson()),
                    config.seed());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        run.put("command", "sspvs pretrain");
        run.put("provenance", provenance);
        run.put("best_epoch", null);
        run.put("best_val_video_text_acc", null);
        run.put("epochs_done", 0);
        run.write(dir.resolve(RUN));
        AtomicFiles.writeString(dir.resolve(METRICS), HEADER + "\n");
    }

    @Override
    public void onEpochEnd(SslTrainer.EpochSummary s, SelfSupervisedModel model) {
        SslTrainer.Validation v = s.validation();
        rows.add(String.join(",", Integer.toString(s.epoch()), num(s.learningRate()), num(s.loss()), num(s.bce()),
                num(s.mse()), num(s.contrast()), num(s.trainAccuracy()), v == null ? "" : num(v.accuracy()),
                v == null ? "" : num(v.mse()), v == null ? "" : num(v.contrast()), String.format(Locale.ROOT, "%.2f",
                        s.seconds())));
        AtomicFiles.writeString(dir.resolve(METRICS), HEADER + "\n" + String.join("\n", rows) + "\n");
        if (s.best()) {
            writeCheckpoint(dir.resolve(CHECKPOINT), s, model);
            run.put("best_epoch", s.epoch());
            run.put("best_val_video_text_acc", v.accuracy());
        }
        if (s.epoch() == config.maxEpochs() - 1) {
            writeCheckpoint(dir.resolve(LAST), s, model);
        }
        run.put("epochs_done", s.epoch() + 1);
        run.write(dir.resolve(RUN));
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
