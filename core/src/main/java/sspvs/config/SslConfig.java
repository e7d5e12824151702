package sspvs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;

/**
 * The settings of self-supervised pre-training, with the keys of the reference's {@code ssl/ssl.yaml}, loaded as
 * strictly as {@link RunConfig}, by the same {@code ConfigReader} (unknown key = error naming it and listing the
 * known keys; wrong type = error).
 *
 * <p>Reference keys that only steer its PyTorch machinery are accepted and recorded but have no effect here:
 * {@code num_workers}, {@code batch_size_test}, {@code num_sanity_val_steps}, {@code set_name_train}
 * (must be {@code video_info}), {@code similarity_type} (must be {@code cos}; the reference's forward never uses
 * it), {@code monitor} (must be {@code [val/video_text_acc, max]}), {@code save_top_k} (must be 1: the best
 * checkpoint is kept).
 *
 * <p>Keys of our own, all optional: {@code feature_dim} (1024; the width of the feature files),
 * {@code set_multiply} (8: the reference repeats the training list 8 times per epoch, hard-coded),
 * {@code text_encoder} ({@code minilm-l6}: all-MiniLM-L6-v2, bundled, in place of the reference's
 * bert-base-uncased; or {@code random}: a freshly initialised BERT of {@code text_hidden}, {@code text_heads},
 * {@code text_ffn}), {@code text_layers} (6: how many layers of the text encoder to use). {@code resume} (absent)
 * is a checkpoint of this model whose weights to start from; unlike Lightning's {@code resume_from_checkpoint},
 * the optimiser state and the epoch count start afresh.
 */
public record SslConfig(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("dropout_vid") double dropoutVid,
        @JsonProperty("nhead_vid") int nheadVid,
        @JsonProperty("nhid_vid") int nhidVid,
        @JsonProperty("nlayers_vid") int nlayersVid,
        @JsonProperty("pos_enc_weight") double posEncWeight,
        @JsonProperty("text_trainable") boolean textTrainable,
        @JsonProperty("window_size") int windowSize,
        @JsonProperty("dropout_classifier") double dropoutClassifier,
        @JsonProperty("similarity_type") String similarityType,
        @JsonProperty("set_name_train") String setNameTrain,
        @JsonProperty("feature_root") String featureRoot,
        @JsonProperty("info_embed_root") String infoEmbedRoot,
        @JsonProperty("train_list") String trainList,
        @JsonProperty("val_list") String valList,
        @JsonProperty("max_cat") int maxCat,
        @JsonProperty("max_query") int maxQuery,
        @JsonProperty("max_title") int maxTitle,
        @JsonProperty("max_desc") int maxDesc,
        @JsonProperty("max_video") int maxVideo,
        @JsonProperty("resume") String resume,
        @JsonProperty("lr") double lr,
        @JsonProperty("milestones") List<Integer> milestones,
        @JsonProperty("gamma") double gamma,
        @JsonProperty("max_epochs") int maxEpochs,
        @JsonProperty("batch_size_train") int batchSizeTrain,
        @JsonProperty("batch_size_val") int batchSizeVal,
        @JsonProperty("batch_size_test") int batchSizeTest,
        @JsonProperty("loss") String loss,
        @JsonProperty("alpha1") double alpha1,
        @JsonProperty("alpha2") double alpha2,
        @JsonProperty("margin") double margin,
        @JsonProperty("num_workers") int numWorkers,
        @JsonProperty("seed") long seed,
        @JsonProperty("monitor") List<String> monitor,
        @JsonProperty("val_freq") int valFreq,
        @JsonProperty("save_top_k") int saveTopK,
        @JsonProperty("num_sanity_val_steps") int numSanityValSteps,
        @JsonProperty("feature_dim") int featureDim,
        @JsonProperty("set_multiply") int setMultiply,
        @JsonProperty("text_encoder") String textEncoder,
        @JsonProperty("text_layers") int textLayers,
        @JsonProperty("text_hidden") int textHidden,
        @JsonProperty("text_heads") int textHeads,
        @JsonProperty("text_ffn") int textFfn) {

    /** The text encoder bundled with sspvs (all-MiniLM-L6-v2). */
    public static final String MINILM = "minilm-l6";
    /** A freshly initialised BERT (tests, demos). */
    public static final String RANDOM = "random";

    private static final ConfigReader<SslConfig> READER = new ConfigReader<>(SslConfig.class, defaults(),
            SslConfig::validate);

    /** Every key, in the record's order. */
    public static final Set<String> KEYS = READER.keys();

    public SslConfig {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
        monitor = monitor == null ? List.of() : List.copyOf(monitor);
    }

    /** Reads a YAML file. */
    public static SslConfig load(Path file) {
        return parse(READER.readText(file), "config " + file);
    }

    /** Parses YAML text; {@code origin} names the source in messages. */
    public static SslConfig parse(String yaml, String origin) {
        return READER.parse(yaml, origin);
    }

    /** A copy with {@code key=value} settings applied (values are YAML scalars or flow lists). */
    public SslConfig withOverrides(String... settings) {
        return withOverridesFrom("override", settings);
    }

    /** {@link #withOverrides} with messages naming {@code origin}, where the settings came from (e.g. {@code --set}). */
    public SslConfig withOverridesFrom(String origin, String... settings) {
        return READER.withOverrides(this, origin, settings);
    }

    /** The config as one JSON object with the reference's keys (stored in checkpoints and run.json). */
    public String toJson() {
        return READER.toJson(this);
    }

    private void validate(String origin) {
        require(origin, "model_name", "ssl_model".equals(modelName), "ssl_model");
        require(origin, "loss", "fuse".equals(loss), "fuse");
        require(origin, "set_name_train", "video_info".equals(setNameTrain), "video_info");
        require(origin, "similarity_type", "cos".equals(similarityType), "cos");
        require(origin, "monitor", List.of("val/video_text_acc", "max").equals(monitor), "[val/video_text_acc, max]");
        require(origin, "save_top_k", saveTopK == 1, "1 (the best checkpoint is kept)");
        require(origin, "text_encoder", MINILM.equals(textEncoder) || RANDOM.equals(textEncoder),
                MINILM + " or " + RANDOM);
        require(origin, "feature_dim", featureDim >= 2 && featureDim % 2 == 0 && featureDim % nheadVid == 0,
                "an even multiple of nhead_vid");
        require(origin, "nhead_vid", nheadVid >= 1, ">= 1");
        require(origin, "nhid_vid", nhidVid >= 1, ">= 1");
        require(origin, "nlayers_vid", nlayersVid >= 1, ">= 1");
        require(origin, "window_size", windowSize >= 1 && windowSize % 2 == 1, "odd and >= 1");
        require(origin, "dropout_vid", dropoutVid >= 0 && dropoutVid < 1, "in [0, 1)");
        require(origin, "dropout_classifier", dropoutClassifier >= 0 && dropoutClassifier < 1, "in [0, 1)");
        require(origin, "lr", lr > 0, "> 0");
        require(origin, "gamma", gamma > 0, "> 0");
        require(origin, "max_epochs", maxEpochs >= 0, ">= 0");
        require(origin, "batch_size_train", batchSizeTrain >= 1, ">= 1");
        require(origin, "batch_size_val", batchSizeVal >= 1, ">= 1");
        require(origin, "max_video", maxVideo >= 1 && maxVideo < 5000, "in [1, 5000)");
        require(origin, "max_cat", maxCat >= 0, ">= 0");
        require(origin, "max_query", maxQuery >= 0, ">= 0");
        require(origin, "max_title", maxTitle >= 0, ">= 0");
        require(origin, "max_desc", maxDesc >= 0, ">= 0");
        require(origin, "max_desc", maxCat + maxQuery + maxTitle + maxDesc + 5 <= 512,
                "such that the text (parts + 5 special tokens) fits BERT's 512 positions");
        require(origin, "margin", margin > 0, "> 0");
        require(origin, "val_freq", valFreq >= 1, ">= 1");
        require(origin, "set_multiply", setMultiply >= 1, ">= 1");
        require(origin, "text_layers", textLayers >= 1 && (!MINILM.equals(textEncoder) || textLayers <= 6),
                ">= 1 (at most 6 for " + MINILM + ")");
        require(origin, "text_hidden", textHidden >= 1 && textHeads >= 1 && textHidden % textHeads == 0,
                "a multiple of text_heads");
        require(origin, "text_ffn", textFfn >= 1, ">= 1");
        for (int i = 0; i < milestones.size(); i++) {
            require(origin, "milestones", milestones.get(i) >= 0, "non-negative epochs");
            require(origin, "milestones", i == 0 || milestones.get(i) >= milestones.get(i - 1),
                    "in increasing order (epochs at which the learning rate drops), not " + milestones);
        }
    }

    private static void require(String origin, String key, boolean ok, String expected) {
        if (!ok) {
            throw new UserException(origin + ": key '" + key + "' must be " + expected);
        }
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("resume", null);
        d.put("feature_dim", 1024);
        d.put("set_multiply", 8);
        d.put("text_encoder", MINILM);
        d.put("text_layers", 6);
        d.put("text_hidden", 384);
        d.put("text_heads", 12);
        d.put("text_ffn", 1536);
        return d;
    }
}
