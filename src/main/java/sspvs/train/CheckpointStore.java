package sspvs.train;

import java.nio.file.Path;
import java.util.Map;
import sspvs.config.RunConfig;
import sspvs.model.ParameterTensor;

/**
 * The seam where trained models meet the file system: parameters by torch name plus the run's config. The
 * intended implementation writes PyTorch {@code .ckpt} files (readable by the reference); until it is merged,
 * {@link TemporaryRawCheckpointStore} stands in.
 */
public interface CheckpointStore {

    /** A saved model: parameters by torch name and the config it was trained with. */
    record Checkpoint(Map<String, ParameterTensor> parameters, RunConfig config) {}

    /** Writes atomically (temp file in the same folder, then a move). */
    void save(Path file, Map<String, ParameterTensor> parameters, RunConfig config);

    /** Reads what {@link #save} wrote; a missing or damaged file is a {@link sspvs.UserException} naming it. */
    Checkpoint load(Path file);
}
