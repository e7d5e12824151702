package sspvs.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.ParameterTensor;
import sspvs.model.io.CheckpointContents;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;

/**
 * Stores checkpoints as PyTorch {@code .ckpt} files that both sspvs and the reference read.
 *
 * <p>Layout (a {@code torch.save} zip, see {@link TorchCheckpoint#write}): {@code state_dict} holds every parameter
 * under the reference Lightning module's names, i.e. our torch names prefixed {@code video_model.}
 * ({@code video_model.transformer_encoder.layers.0.linear1.weight}, ...), as float32; {@code sspvs_config} is the
 * run's {@link RunConfig} as a JSON string (floats inside a string keep the file loadable by torch 1.13's
 * {@code weights_only=True}); {@code epoch} is the training epoch when known. The positional table
 * ({@code pos_encoder.pe}) is not stored: it is not learned, and the reference loads with {@code strict=False}.
 * In Python: {@code torch.load(f)["state_dict"]}, or {@code MInterface.load_from_checkpoint(f, args=args,
 * strict=False)} as the reference's {@code resume} does.
 *
 * <p>Writing is atomic (temp file in the same folder, then a move). Reading a model for prediction, with the
 * reference's checkpoints too, is {@link sspvs.model.SummarizerCheckpoints}; this class is training's writer and the
 * strict reader of its own files.
 */
public final class TorchCheckpointStore {
    /** A saved model: parameters by torch name and the config it was trained with. */
    public record Checkpoint(Map<String, ParameterTensor> parameters, RunConfig config) {}

    /** The top-level entry holding the run's config as JSON. */
    public static final String CONFIG_KEY = sspvs.model.SummarizerCheckpoints.CONFIG_KEY;
    /** The top-level entry holding the epoch (Lightning's name). */
    public static final String EPOCH_KEY = "epoch";

    /** Writes {@code parameters} and {@code config} atomically. */
    public void save(Path file, Map<String, ParameterTensor> parameters, RunConfig config) {
        save(file, parameters, config, -1);
    }

    /** As {@link #save(Path, Map, RunConfig)}, recording {@code epoch} (omitted when negative). */
    public void save(Path file, Map<String, ParameterTensor> parameters, RunConfig config, long epoch) {
        StateDict dict = new StateDict();
        parameters.forEach((name, t) ->
                dict.put(NonStrictLoad.LIGHTNING_PREFIX + name, new TorchTensor(t.shape(), t.data())));
        Map<String, Object> extra = new LinkedHashMap<>();
        if (epoch >= 0) {
            extra.put(EPOCH_KEY, epoch);
        }
        extra.put(CONFIG_KEY, config.toJson());
        TorchCheckpoint.write(file, dict, extra);
    }

    /** Reads what {@link #save} wrote; a missing or damaged file is a {@link UserException} naming it. */
    public Checkpoint load(Path file) {
        CheckpointContents contents = TorchCheckpoint.load(file);
        String json = contents.stringEntry(CONFIG_KEY);
        if (json == null) {
            throw new UserException(file + ": no '" + CONFIG_KEY + "' entry: not a checkpoint written by sspvs "
                    + "(use sspvs.model.SummarizerCheckpoints.load for the reference's Lightning checkpoints)");
        }
        RunConfig config = RunConfig.fromJson(json, "checkpoint " + file + " entry " + CONFIG_KEY);
        Map<String, ParameterTensor> parameters = new LinkedHashMap<>();
        contents.stateDict().asMap().forEach((name, t) -> {
            if (name.startsWith(NonStrictLoad.LIGHTNING_PREFIX)) {
                parameters.put(name.substring(NonStrictLoad.LIGHTNING_PREFIX.length()),
                        new ParameterTensor(t.shape(), t.data()));
            }
        });
        return new Checkpoint(parameters, config);
    }
}
