package sspvs.model.io;

import java.util.Map;

/**
 * Everything read from a checkpoint: the weights, and the other top-level entries as plain Java values.
 *
 * <p>{@link #entries()} holds every top-level entry except the state dict ({@code epoch}, {@code global_step},
 * {@code hyper_parameters}, {@code sspvs_config}, ...), in stored order, as the pickle's values: String, Long,
 * Double, Boolean, null, List, Map, byte[], {@link PythonObject} placeholders for Python classes, and
 * {@link StoredTensor}s (shape and dtype only, values not read) for tensors outside the state dict. It is empty
 * for a plain {@code torch.save(model.state_dict())} file.
 *
 * @param source the file read
 * @param stateDict the weights, converted to float
 * @param entries the other top-level entries
 * @param skipped state-dict tensors left unread because the caller did not want them (name to shape and dtype),
 *     in stored order; empty after a full {@link TorchCheckpoint#load(java.nio.file.Path)}
 */
public record CheckpointContents(java.nio.file.Path source, StateDict stateDict, Map<String, Object> entries,
        Map<String, StoredTensor> skipped) {

    public CheckpointContents {
        entries = java.util.Collections.unmodifiableMap(entries);
        skipped = java.util.Collections.unmodifiableMap(skipped);
    }

    /** Every state-dict name in the file, loaded or skipped (stored order of each group: loaded first). */
    public java.util.List<String> allNames() {
        java.util.List<String> names = new java.util.ArrayList<>(stateDict.names());
        names.addAll(skipped.keySet());
        return names;
    }

    /** An integer entry such as {@code epoch}, or null when absent or not an integer. */
    public Long longEntry(String key) {
        return entries.get(key) instanceof Long l ? l : null;
    }

    /** A text entry such as {@code sspvs_config}, or null when absent or not text. */
    public String stringEntry(String key) {
        return entries.get(key) instanceof String s ? s : null;
    }
}
