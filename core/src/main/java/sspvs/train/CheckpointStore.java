package sspvs.train;

import java.nio.file.Path;
import java.util.Map;
import sspvs.config.RunConfig;
import sspvs.model.ParameterTensor;

/**
 * The seam where trained models meet the file system: parameters by torch name plus the run's config. The
 * implementation, {@link TorchCheckpointStore}, writes PyTorch {@code .ckpt} files that the reference reads too.
 */
public interface CheckpointStore {

    /** A saved model: parameters by torch name and the config it was trained with. */
    record Checkpoint(Map<String, ParameterTensor> parameters, RunConfig config) {}

    /** Writes atomically (temp file in the same folder, then a move). */
    void save(Path file, Map<String, ParameterTensor> parameters, RunConfig config);

    /** Reads what {@link #save} wrote; a missing or damaged file is a {@link sspvs.UserException} naming it. */
    Checkpoint load(Path file);
}
