package sspvs.model.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a non-strict load found: the checkpoint tensors that fit the model (by name, after the prefix was
 * stripped), the model parameters the checkpoint lacks (they keep their fresh initialisation), and the checkpoint
 * tensors the model does not use (ignored).
 *
 * @param source the checkpoint read, for messages
 * @param prefix the prefix stripped from checkpoint names ("" for none)
 * @param matched model name to checkpoint tensor, in the model's order
 * @param missing model names absent from the checkpoint, in the model's order
 * @param unexpected checkpoint names (as stored, prefix included) the model has no parameter for
 */
public record LoadReport(String source, String prefix, Map<String, TorchTensor> matched, List<String> missing,
        List<String> unexpected) {

    public LoadReport {
        matched = Collections.unmodifiableMap(matched);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    /** True when every model parameter was found in the checkpoint. */
    public boolean complete() {
        return missing.isEmpty();
    }

    /**
     * A summary for people, e.g. {@code Loaded 41 of 45 parameters from pretrained_model.ckpt (prefix
     * 'video_model.' stripped); 4 missing, start fresh: score_predict.0.1.weight, ...; 64 unused in the
     * checkpoint: classifier (6), prob_dist (4), ...}. Long lists are grouped by their first name component.
     */
    public String describe() {
        int expected = matched.size() + missing.size();
        StringBuilder sb = new StringBuilder()
                .append("Loaded ").append(matched.size()).append(" of ").append(expected)
                .append(" parameters from ").append(source);
        if (!prefix.isEmpty()) {
            sb.append(" (prefix '").append(prefix).append("' stripped)");
        }
        if (!missing.isEmpty()) {
            sb.append("; ").append(missing.size()).append(" missing, left as initialised: ")
                    .append(summarise(missing, ""));
        }
        if (!unexpected.isEmpty()) {
            sb.append("; ").append(unexpected.size()).append(" unused in the checkpoint: ")
                    .append(summarise(unexpected, prefix));
        }
        return sb.append('.').toString();
    }

    /** Up to 8 names are listed; more are grouped by module (first name component after the prefix). */
    static String summarise(List<String> names, String prefix) {
        if (names.size() <= 8) {
            return String.join(", ", names);
        }
        TreeMap<String, Integer> groups = new TreeMap<>();
        for (String n : names) {
            String rest = !prefix.isEmpty() && n.startsWith(prefix) ? n.substring(prefix.length()) : n;
            int dot = rest.indexOf('.');
            String module = (n.length() - rest.length() > 0 ? prefix : "") + (dot < 0 ? rest : rest.substring(0, dot));
            groups.merge(module, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        groups.forEach((module, count) -> parts.add(module + " (" + count + ")"));
        return String.join(", ", parts);
    }

    static String shape(long[] s) {
        return Arrays.toString(s);
    }
}
