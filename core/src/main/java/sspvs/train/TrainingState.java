package sspvs.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.ParameterTensor;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.io.CheckpointContents;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;

/**
 * A split's training state after an epoch, to resume an interrupted run: the learning parameters, Adam's step count
 * and both moments, and the epoch. With text guidance the frozen BERT embeddings and encoder are left out (they
 * never change: the resumed split rebuilds them from the same initialisation, MiniLM or the pretrained checkpoint,
 * then loads this state over them), which keeps the file about three times the learning part's size. Stored as a torch {@code .ckpt} ({@code state_dict} holds {@code video_model.*},
 * {@code optimizer.exp_avg.*} and {@code optimizer.exp_avg_sq.*}; top-level {@code epoch}, {@code adam_step},
 * {@code sspvs_config}). The learning rate follows from the epoch and the schedule, and the trainer re-seeds its
 * random streams each epoch, so a resumed split continues exactly as an uninterrupted one.
 *
 * @param epoch the last completed epoch (0-based)
 * @param parameters the learning parameters by torch name (every parameter without text guidance)
 */
public record TrainingState(int epoch, Map<String, ParameterTensor> parameters, TorchAdam.State optimizer) {
    static final String FIRST = "optimizer.exp_avg.";
    static final String SECOND = "optimizer.exp_avg_sq.";

    /** Writes the model's and optimiser's state after {@code epoch}, atomically. */
    public static void save(Path file, ProgressiveSummarizer model, TorchAdam adam, int epoch, RunConfig config) {
        StateDict dict = new StateDict();
        model.exportLearningTensors().forEach((n, t) ->
                dict.put(NonStrictLoad.LIGHTNING_PREFIX + n, new TorchTensor(t.shape(), t.data())));
        TorchAdam.State state = adam.state();
        putOptimizer(dict, state);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(TorchCheckpointStore.EPOCH_KEY, (long) epoch);
        extra.put("adam_step", (long) state.step());
        extra.put(TorchCheckpointStore.CONFIG_KEY, config.toJson());
        TorchCheckpoint.write(file, dict, extra);
    }

    /** Reads what {@link #save} wrote; a damaged file is a {@link UserException} naming it. */
    public static TrainingState load(Path file) {
        CheckpointContents c = TorchCheckpoint.load(file);
        Long epoch = c.longEntry(TorchCheckpointStore.EPOCH_KEY);
        Long step = c.longEntry("adam_step");
        if (epoch == null || step == null) {
            throw new UserException(file + ": not a training state written by sspvs run (no epoch/adam_step); "
                    + "delete it to restart this split");
        }
        Map<String, ParameterTensor> params = new LinkedHashMap<>();
        c.stateDict().asMap().forEach((name, t) -> {
            if (name.startsWith(NonStrictLoad.LIGHTNING_PREFIX)) {
                params.put(name.substring(NonStrictLoad.LIGHTNING_PREFIX.length()),
                        new ParameterTensor(t.shape(), t.data()));
            }
        });
        return new TrainingState(Math.toIntExact(epoch), params, optimizerIn(c.stateDict(), Math.toIntExact(step)));
    }

    /** Adds Adam's moments under {@code optimizer.exp_avg.*} / {@code optimizer.exp_avg_sq.*} (run and pretrain). */
    static void putOptimizer(StateDict dict, TorchAdam.State state) {
        state.firstMoments().forEach((n, t) -> dict.put(FIRST + n, new TorchTensor(t.shape(), t.data())));
        state.secondMoments().forEach((n, t) -> dict.put(SECOND + n, new TorchTensor(t.shape(), t.data())));
    }

    /** Adam's state after {@code step} steps from the moments {@link #putOptimizer} wrote into {@code dict}. */
    static TorchAdam.State optimizerIn(StateDict dict, int step) {
        Map<String, ParameterTensor> first = new LinkedHashMap<>();
        Map<String, ParameterTensor> second = new LinkedHashMap<>();
        dict.asMap().forEach((name, t) -> {
            if (name.startsWith(SECOND)) {
                second.put(name.substring(SECOND.length()), new ParameterTensor(t.shape(), t.data()));
            } else if (name.startsWith(FIRST)) {
                first.put(name.substring(FIRST.length()), new ParameterTensor(t.shape(), t.data()));
            }
        });
        return new TorchAdam.State(step, first, second);
    }
}
