package sspvs.model.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import sspvs.UserException;

/**
 * Matches a checkpoint's tensors to the parameters a model expects, by name, the way the reference's
 * {@code load_from_checkpoint(..., strict=False)} does: parameters found in both are loaded, parameters only the
 * model has keep their initial values (the summarizer's score heads when starting from the self-supervised
 * checkpoint), and checkpoint tensors the model lacks are ignored (the pretraining heads). As in PyTorch, a name
 * found in both with different shapes is an error, not a silent skip.
 *
 * <p>The reference's Lightning module holds the network as {@code video_model}, so its checkpoints name
 * parameters {@code video_model.transformer_encoder...}; pass {@link #LIGHTNING_PREFIX} as the prefix to strip.
 * Checkpoint names without the prefix are unexpected.
 */
public final class NonStrictLoad {
    /** The prefix of the summarizer's (and the self-supervised model's) names in the authors' Lightning checkpoints. */
    public static final String LIGHTNING_PREFIX = "video_model.";

    private NonStrictLoad() {}

    /**
     * Reads from the file only the tensors the model can take, e.g. the video encoder from the self-supervised
     * checkpoint without its BERT (saves reading ~470 MB).
     *
     * @param expected the model's parameter names and shapes, in the model's order
     * @throws UserException for an unreadable file or a matched name whose shape differs
     */
    public static LoadReport fromFile(Path file, String prefix, Map<String, long[]> expected) {
        CheckpointContents c = TorchCheckpoint.load(file,
                name -> name.startsWith(prefix) && expected.containsKey(name.substring(prefix.length())));
        StateDict loaded = c.stateDict();
        Function<String, long[]> shapeOf = name -> loaded.contains(name)
                ? loaded.get(name).shape() : c.skipped().get(name).shape();
        return match(c.allNames(), shapeOf, loaded::get, prefix, expected, file.toString());
    }

    /**
     * Matches an already read state dict.
     *
     * @param checkpoint the checkpoint's state dict
     * @param prefix stripped from checkpoint names before matching ("" for none)
     * @param expected the model's parameter names and shapes, in the model's order
     * @param source the checkpoint file (or a label), named in messages
     * @throws UserException when a matched name has a different shape in the checkpoint
     */
    public static LoadReport match(StateDict checkpoint, String prefix, Map<String, long[]> expected, String source) {
        return match(new ArrayList<>(checkpoint.names()), name -> checkpoint.get(name).shape(), checkpoint::get,
                prefix, expected, source);
    }

    /** As {@link #match(StateDict, String, Map, String)}, naming the file in messages. */
    public static LoadReport match(StateDict checkpoint, String prefix, Map<String, long[]> expected, Path source) {
        return match(checkpoint, prefix, expected, source.toString());
    }

    private static LoadReport match(List<String> checkpointNames, Function<String, long[]> shapeOf,
            Function<String, TorchTensor> tensorOf, String prefix, Map<String, long[]> expected, String source) {
        Map<String, String> storedNameOf = new LinkedHashMap<>(); // model-side name -> checkpoint name
        for (String name : checkpointNames) {
            if (name.startsWith(prefix)) {
                storedNameOf.put(name.substring(prefix.length()), name);
            }
        }
        Map<String, TorchTensor> matched = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String stored = storedNameOf.get(e.getKey());
            if (stored == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(shapeOf.apply(stored), e.getValue())) {
                mismatches.add(e.getKey() + ": checkpoint has " + Arrays.toString(shapeOf.apply(stored))
                        + ", model expects " + Arrays.toString(e.getValue()));
            } else {
                matched.put(e.getKey(), tensorOf.apply(stored));
            }
        }
        if (!mismatches.isEmpty()) {
            throw new UserException(source + ": parameter shapes do not match the model (was it trained with "
                    + "another configuration?): " + String.join("; ", mismatches));
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : checkpointNames) {
            if (!name.startsWith(prefix) || !expected.containsKey(name.substring(prefix.length()))) {
                unexpected.add(name);
            }
        }
        return new LoadReport(source, prefix, matched, missing, unexpected);
    }
}
