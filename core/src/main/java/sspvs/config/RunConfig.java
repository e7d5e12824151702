package sspvs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;

/**
 * One experiment's settings, with the reference's YAML keys ({@code cfgs/*.yaml}) and their meaning.
 *
 * <p>Loading is strict ({@code ConfigReader} does it for both config records): a key we do not know is an error
 * naming the key and the file, with the nearest known key or else the list of known keys (a typo must not silently
 * fall back to a default). Keys the reference itself treats as optional, or that its augmented/transfer configs
 * leave out, have defaults: {@code set_multiply} 1, {@code with_info_guide} false, {@code text_trainable} true,
 * {@code data_file} and {@code info_embed_root_test} absent (null), {@code resume} absent (train from scratch),
 * {@code max_cat/max_query/max_title/max_desc} 1/3/10/15 (only used with text guidance). Every other key is
 * required.
 *
 * <p>Keys read but unused by the reference are kept for faithful round trips: {@code dropout_predictor} (its model
 * hard-codes the heads' dropout to 0.1, see {@code SummarizerSpec.of}), {@code num_workers}, {@code max_desc}.
 *
 * <p>Keys of our own (not the reference's), all optional with the reference's behaviour as default:
 * {@code use_dropout_predictor} (default false; true gives the score heads {@code dropout_predictor} instead of the
 * reference's hard-coded 0.1 — a departure from the reference, for experiments only); {@code eval_metric}
 * ({@code avg|max}: how F-scores over users combine; the reference guesses it from the data set's name — "tvsum" in
 * it gives avg — so every bundled config says it; absent: the data file's own, see {@code sspvs.eval.MetricChoice});
 * {@code selection_rule} ({@code f_score|f_score_plus_kendall}: how an epoch is chosen; the reference guesses it from
 * the config's file name — F only for names containing "ts" or "sm_t" — so every bundled config says it; absent: a
 * config may still be read, e.g. for a model's architecture, but training refuses it, see
 * {@link #requiredSelectionRule}: sspvs never guesses from a name).
 */
public record RunConfig(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("dropout_vid") double dropoutVid,
        @JsonProperty("nhead_vid") int nheadVid,
        @JsonProperty("nhid_vid") int nhidVid,
        @JsonProperty("nlayers_vid") int nlayersVid,
        @JsonProperty("pos_enc_weight") double posEncWeight,
        @JsonProperty("with_info_guide") boolean withInfoGuide,
        @JsonProperty("text_trainable") boolean textTrainable,
        @JsonProperty("dropout_predictor") double dropoutPredictor,
        @JsonProperty("use_dropout_predictor") boolean useDropoutPredictor,
        @JsonProperty("iter") int iter,
        @JsonProperty("set_name_test") String setNameTest,
        @JsonProperty("data_file") String dataFile,
        @JsonProperty("split_file") String splitFile,
        @JsonProperty("info_embed_root_test") String infoEmbedRootTest,
        @JsonProperty("resume") String resume,
        @JsonProperty("lr") double lr,
        @JsonProperty("milestones") List<Integer> milestones,
        @JsonProperty("gamma") double gamma,
        @JsonProperty("max_epochs") int maxEpochs,
        @JsonProperty("batch_size_train") int batchSizeTrain,
        @JsonProperty("batch_size_val") int batchSizeVal,
        @JsonProperty("loss") String loss,
        @JsonProperty("max_cat") int maxCat,
        @JsonProperty("max_query") int maxQuery,
        @JsonProperty("max_title") int maxTitle,
        @JsonProperty("max_desc") int maxDesc,
        @JsonProperty("max_video") int maxVideo,
        @JsonProperty("set_multiply") int setMultiply,
        @JsonProperty("num_workers") int numWorkers,
        @JsonProperty("seed") long seed,
        @JsonProperty("val_freq") int valFreq,
        @JsonProperty("num_sanity_val_steps") int numSanityValSteps,
        @JsonProperty("eval_metric") String evalMetric,
        @JsonProperty("selection_rule") String selectionRule) {

    private static final ConfigReader<RunConfig> READER = new ConfigReader<>(RunConfig.class, defaults(),
            RunConfig::validate);

    /** Every key, in the record's order. */
    public static final Set<String> KEYS = READER.keys();

    public RunConfig {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /** Reads a YAML experiment file. */
    public static RunConfig load(Path file) {
        return READER.load(file);
    }

    /** Parses YAML text (no file); {@code origin} names the source in error messages. */
    public static RunConfig parse(String yaml, String origin) {
        return READER.parse(yaml, origin);
    }

    /**
     * A copy with {@code key=value} settings applied (the CLI's {@code --set}); values are YAML scalars or flow
     * lists, e.g. {@code lr=1e-4}, {@code milestones=[10,20]}, {@code resume=null}.
     */
    public RunConfig withOverrides(String... settings) {
        return withOverridesFrom("override", settings);
    }

    /** {@link #withOverrides} with messages naming {@code origin}, where the settings came from (e.g. {@code --set}). */
    public RunConfig withOverridesFrom(String origin, String... settings) {
        return READER.withOverrides(this, origin, settings);
    }

    /**
     * The epoch-selection rule this config says, for training: a config without {@code selection_rule} is refused,
     * not guessed from its name as the reference does.
     *
     * @param origin names the config in the message, e.g. {@code config configs/my.yaml}
     */
    public String requiredSelectionRule(String origin) {
        if (selectionRule == null) {
            throw new UserException(origin + ": no key 'selection_rule' (how each split's epoch is chosen), and it is "
                    + "not guessed from the config's name: set it to f_score or f_score_plus_kendall (the reference "
                    + "uses f_score for every TVSum config and for sm_t, f_score_plus_kendall for the other SumMe "
                    + "configs)");
        }
        return selectionRule;
    }

    /** The config as one JSON object with the reference's keys (stored beside checkpoints). */
    public String toJson() {
        return READER.toJson(this);
    }

    /** Reads what {@link #toJson()} wrote. */
    public static RunConfig fromJson(String json, String origin) {
        return READER.fromJson(json, origin);
    }

    private void validate(String origin) {
        require(origin, "iter", iter >= 1, ">= 1");
        require(origin, "nlayers_vid", nlayersVid >= 1, ">= 1");
        // whether the heads divide the feature width is checked where the width is known (SummarizerSpec.of)
        require(origin, "nhead_vid", nheadVid >= 1, ">= 1");
        require(origin, "nhid_vid", nhidVid >= 1, ">= 1");
        require(origin, "dropout_vid", dropoutVid >= 0 && dropoutVid < 1, "in [0, 1)");
        require(origin, "dropout_predictor", dropoutPredictor >= 0 && dropoutPredictor < 1, "in [0, 1)");
        require(origin, "lr", lr > 0, "> 0");
        require(origin, "gamma", gamma > 0, "> 0");
        require(origin, "max_epochs", maxEpochs >= 0, ">= 0");
        require(origin, "batch_size_train", batchSizeTrain >= 1, ">= 1");
        require(origin, "batch_size_val", batchSizeVal >= 1, ">= 1");
        require(origin, "max_video", maxVideo >= 1 && maxVideo < 5000, "in [1, 5000)");
        require(origin, "set_multiply", setMultiply >= 1, ">= 1");
        require(origin, "loss", "mse".equals(loss), "mse (the only loss supported), not '" + loss + "'");
        require(origin, "model_name", "sspvs".equals(modelName), "sspvs (the only model supported), not '"
                + modelName + "'");
        require(origin, "eval_metric", evalMetric == null || evalMetric.equals("avg") || evalMetric.equals("max"),
                "avg or max (how F-scores over users combine), not '" + evalMetric + "'");
        require(origin, "selection_rule", selectionRule == null || selectionRule.equals("f_score")
                || selectionRule.equals("f_score_plus_kendall"), "f_score or f_score_plus_kendall, not '"
                + selectionRule + "'");
        require(origin, "val_freq", valFreq >= 1, ">= 1 (validate every N epochs)");
        for (int i = 0; i < milestones.size(); i++) {
            require(origin, "milestones", milestones.get(i) >= 0, "non-negative epochs");
            if (i > 0 && milestones.get(i) < milestones.get(i - 1)) {
                throw new UserException(origin + ": key 'milestones' must be in increasing order (epochs at which "
                        + "the learning rate drops), got " + milestones);
            }
        }
    }

    /** Names the key and what it accepts, so the message says how to fix it. */
    private static void require(String origin, String key, boolean ok, String expected) {
        if (!ok) {
            throw new UserException(origin + ": key '" + key + "' must be " + expected);
        }
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("with_info_guide", false);
        d.put("text_trainable", true);
        d.put("data_file", null);
        d.put("info_embed_root_test", null);
        d.put("resume", null);
        d.put("max_cat", 1);
        d.put("max_query", 3);
        d.put("max_title", 10);
        d.put("max_desc", 15);
        d.put("set_multiply", 1);
        d.put("use_dropout_predictor", false);
        d.put("eval_metric", null);
        d.put("selection_rule", null);
        return d;
    }
}
