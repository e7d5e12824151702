package sspvs.model.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;

/**
 * Matches a checkpoint's tensors to the parameters a model expects, by name, the way the reference's
 * {@code load_from_checkpoint(..., strict=False)} does: parameters found in both are loaded, parameters only the
 * model has keep their initial values (the summarizer's score heads when starting from the self-supervised
 * checkpoint), and checkpoint tensors the model lacks are ignored (the pretraining heads). As in PyTorch, a name
 * found in both with different shapes is an error, not a silent skip.
 *
 * <p>The reference's Lightning module holds the network as {@code video_model}, so its checkpoints name
 * parameters {@code video_model.transformer_encoder...}; pass {@code "video_model."} as the prefix to strip.
 */
public final class NonStrictLoad {
    /** The prefix of the summarizer's (and the self-supervised model's) names in the authors' Lightning checkpoints. */
    public static final String LIGHTNING_PREFIX = "video_model.";

    private NonStrictLoad() {}

    /**
     * @param checkpoint the checkpoint's state dict
     * @param prefix stripped from checkpoint names before matching ("" for none); names without it are unexpected
     * @param expected the model's parameter names and shapes, in the model's order
     * @param source the checkpoint file (or a label), named in messages
     * @throws UserException when a matched name has a different shape in the checkpoint
     */
    public static LoadReport match(StateDict checkpoint, String prefix, Map<String, long[]> expected, String source) {
        Map<String, String> storedNameOf = new LinkedHashMap<>(); // model-side name -> checkpoint name
        List<String> unexpected = new ArrayList<>();
        for (String name : checkpoint.names()) {
            if (name.startsWith(prefix)) {
                storedNameOf.put(name.substring(prefix.length()), name);
            } else {
                unexpected.add(name);
            }
        }
        Map<String, TorchTensor> matched = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String stored = storedNameOf.get(e.getKey());
            if (stored == null) {
                missing.add(e.getKey());
                continue;
            }
            TorchTensor t = checkpoint.get(stored);
            if (!Arrays.equals(t.shape(), e.getValue())) {
                mismatches.add(e.getKey() + ": checkpoint has " + t.shapeString() + ", model expects "
                        + Arrays.toString(e.getValue()));
            } else {
                matched.put(e.getKey(), t);
            }
        }
        if (!mismatches.isEmpty()) {
            throw new UserException(source + ": parameter shapes do not match the model (was it trained with "
                    + "another configuration?): " + String.join("; ", mismatches));
        }
        Set<String> used = new LinkedHashSet<>(expected.keySet());
        for (Map.Entry<String, String> e : storedNameOf.entrySet()) {
            if (!used.contains(e.getKey())) {
                unexpected.add(e.getValue());
            }
        }
        // keep checkpoint order for unexpected names
        List<String> ordered = new ArrayList<>();
        Set<String> unexpectedSet = new LinkedHashSet<>(unexpected);
        for (String name : checkpoint.names()) {
            if (unexpectedSet.contains(name)) {
                ordered.add(name);
            }
        }
        return new LoadReport(source, prefix, matched, missing, ordered);
    }

    /** As {@link #match(StateDict, String, Map, String)}, naming the file in messages. */
    public static LoadReport match(StateDict checkpoint, String prefix, Map<String, long[]> expected,
            java.nio.file.Path source) {
        return match(checkpoint, prefix, expected, source.toString());
    }
}
