package sspvs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import sspvs.UserException;
import sspvs.model.io.CheckpointContents;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.model.ssl.SelfSupervisedModel;

/**
 * A pre-training run's state after an epoch, to resume it where it stopped (as {@link TrainingState} does for a
 * split of {@code run}): the tensors the optimiser updates (frozen ones are rebuilt from the same initialisation),
 * Adam's step count and moments, the epoch, the best validation accuracy so far and the inputs it started from
 * (config JSON and a digest of the data folder), so a resume on other inputs is refused. Stored as a torch
 * {@code .ckpt}: {@code state_dict} holds {@code model.*}, {@code optimizer.exp_avg.*} and
 * {@code optimizer.exp_avg_sq.*}; the rest is one JSON string entry, {@value #RESUME_KEY}.
 *
 * @param epoch the last completed epoch (0-based)
 * @param bestEpoch the epoch of the best validation so far, or -1
 * @param bestAccuracy that validation's matching accuracy (negative infinity when none ran)
 * @param configJson the config the run started with ({@code SslConfig.toJson()})
 * @param dataDigest what {@link sspvs.data.YtvtDirectory#digest()} said of the data folder
 */
public record PretrainState(int epoch, Map<String, TorchTensor> parameters, TorchAdam.State optimizer, int bestEpoch,
        double bestAccuracy, String configJson, String dataDigest) {
    static final String RESUME_KEY = "sspvs_pretrain_state";
    private static final String MODEL = "model.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the model's learning tensors and the optimiser's state after {@code epoch}, atomically. */
    public static void save(Path file, SelfSupervisedModel model, TorchAdam adam, int epoch, int bestEpoch,
            double bestAccuracy, String configJson, String dataDigest) {
        StateDict dict = new StateDict();
        model.trainableParameters().forEach((n, a) ->
                dict.put(MODEL + n, new TorchTensor(a.getShape().getShape(), a.toFloatArray())));
        TorchAdam.State state = adam.state();
        TrainingState.putOptimizer(dict, state);
        ObjectNode resume = JSON.createObjectNode();
        resume.put("epoch", epoch);
        resume.put("adam_step", state.step());
        resume.put("best_epoch", bestEpoch);
        // a string keeps -Infinity (no validation yet) and every bit of the double
        resume.put("best_accuracy", Double.toString(bestAccuracy));
        resume.put("config", configJson);
        resume.put("data_digest", dataDigest);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(RESUME_KEY, resume.toString());
        TorchCheckpoint.write(file, dict, extra);
    }

    /** Reads what {@link #save} wrote; anything else is a {@link UserException} naming the file. */
    public static PretrainState load(Path file) {
        CheckpointContents c = TorchCheckpoint.load(file);
        String text = c.stringEntry(RESUME_KEY);
        JsonNode resume;
        try {
            resume = text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            resume = null;
        }
        if (resume == null || !resume.hasNonNull("epoch") || !resume.hasNonNull("adam_step")
                || !resume.hasNonNull("best_accuracy") || !resume.hasNonNull("config")) {
            throw new UserException(file + ": not a pre-training state written by sspvs (delete it to start over)",
                    UserException.Remedy.RESTART);
        }
        Map<String, TorchTensor> params = new LinkedHashMap<>();
        c.stateDict().asMap().forEach((name, t) -> {
            if (name.startsWith(MODEL)) {
                params.put(name.substring(MODEL.length()), t);
            }
        });
        return new PretrainState(resume.get("epoch").asInt(), params,
                TrainingState.optimizerIn(c.stateDict(), resume.get("adam_step").asInt()),
                resume.path("best_epoch").asInt(-1),
                Double.parseDouble(resume.get("best_accuracy").asText()), resume.get("config").asText(),
                resume.path("data_digest").asText(""));
    }

    /** Where the next epoch starts. */
    public SslTrainer.Start start() {
        return new SslTrainer.Start(epoch + 1, optimizer, bestAccuracy);
    }
}
