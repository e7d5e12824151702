package sspvs.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sspvs.UserException;
import sspvs.model.io.LoadReport;
import sspvs.model.io.TorchTensor;

/**
 * What a matched checkpoint must satisfy before its weights are used, so that a wrong or damaged file is refused
 * rather than scoring with a dropped layer, a random one, or NaN.
 *
 * <ul>
 *   <li>{@link #requireFinite}: no NaN/Inf in any tensor loaded;</li>
 *   <li>{@link #requireSameArchitecture}: the file's encoder layers and score heads are the model's (the
 *       non-strict match would otherwise ignore a layer the config dropped, or leave an added one random);
 *       a file without score heads (the self-supervised model) is accepted, its heads start fresh;</li>
 *   <li>{@link #requireComplete}: the model lacks nothing but, where the caller allows it, the score heads;
 *       checkpoints we wrote are matched fully both ways.</li>
 * </ul>
 */
public final class CheckpointChecks {
    private static final Pattern LAYER = Pattern.compile("transformer_encoder\\.layers\\.(\\d+)\\..*");
    private static final Pattern HEAD = Pattern.compile("score_predict\\.(\\d+)\\..*");
    private static final String HEAD_PREFIX = "score_predict.";

    private CheckpointChecks() {}

    /** Refuses a tensor holding NaN or an infinity, naming it (model-side name) and the file. */
    public static void requireFinite(LoadReport report) {
        for (Map.Entry<String, TorchTensor> e : report.matched().entrySet()) {
            float[] data = e.getValue().data();
            for (int i = 0; i < data.length; i++) {
                if (!Float.isFinite(data[i])) {
                    throw new UserException(report.source() + ": tensor " + report.prefix() + e.getKey()
                            + " holds " + data[i] + " (element " + i + " of " + data.length + "): the checkpoint "
                            + "is damaged or from a diverged training; it cannot be used");
                }
            }
        }
    }

    /**
     * Refuses a file whose encoder layers, or score heads when it has any, differ in number from the model's.
     *
     * @param modelSource where the model's architecture came from, e.g. "the run config given", named in the message
     */
    public static void requireSameArchitecture(LoadReport report, String modelSource) {
        Set<Integer> modelLayers = indices(modelNames(report), LAYER);
        Set<Integer> fileLayers = indices(storedNames(report), LAYER);
        if (!modelLayers.equals(fileLayers)) {
            throw new UserException(report.source() + ": the checkpoint has " + fileLayers.size()
                    + " encoder layer(s) but " + modelSource + " says nlayers_vid: " + modelLayers.size()
                    + "; use the architecture the checkpoint was trained with");
        }
        Set<Integer> fileHeads = indices(storedNames(report), HEAD);
        Set<Integer> modelHeads = indices(modelNames(report), HEAD);
        if (!fileHeads.isEmpty() && !modelHeads.equals(fileHeads)) {
            throw new UserException(report.source() + ": the checkpoint has " + fileHeads.size()
                    + " score head(s) (progressive stages) but " + modelSource + " says iter: " + modelHeads.size()
                    + "; use the architecture the checkpoint was trained with");
        }
    }

    /** Score heads: fresh when starting from the self-supervised model, as the reference does. */
    public static final Predicate<String> SCORE_HEADS = name -> name.startsWith(HEAD_PREFIX);
    /** Nothing may start fresh. */
    public static final Predicate<String> NOTHING = name -> false;

    /**
     * Refuses a load that leaves model parameters uninitialised other than those {@code mayStartFresh} accepts,
     * or (when {@code nothingUnused}) one that leaves file tensors unused.
     */
    public static void requireComplete(LoadReport report, Predicate<String> mayStartFresh, boolean nothingUnused) {
        List<String> lacking = new ArrayList<>();
        for (String name : report.missing()) {
            if (!mayStartFresh.test(name)) {
                lacking.add(name);
            }
        }
        if (!lacking.isEmpty()) {
            throw new UserException(report.source() + ": the checkpoint lacks " + lacking.size() + " tensor(s) the "
                    + "model needs: " + String.join(", ", lacking.subList(0, Math.min(8, lacking.size())))
                    + (lacking.size() > 8 ? ", ..." : "") + " (damaged or edited file?)");
        }
        if (nothingUnused && !report.unexpected().isEmpty()) {
            List<String> extra = report.unexpected();
            throw new UserException(report.source() + ": the checkpoint holds " + extra.size() + " tensor(s) the "
                    + "model has no place for: " + String.join(", ", extra.subList(0, Math.min(8, extra.size())))
                    + (extra.size() > 8 ? ", ..." : "") + " (damaged or edited file?)");
        }
    }

    /** The model's parameter names: loaded and missing. */
    private static List<String> modelNames(LoadReport report) {
        List<String> names = new ArrayList<>(report.matched().keySet());
        names.addAll(report.missing());
        return names;
    }

    /** The file's tensor names under the prefix, prefix stripped. */
    private static List<String> storedNames(LoadReport report) {
        List<String> names = new ArrayList<>(report.matched().keySet());
        for (String n : report.unexpected()) {
            if (n.startsWith(report.prefix())) {
                names.add(n.substring(report.prefix().length()));
            }
        }
        return names;
    }

    private static Set<Integer> indices(List<String> names, Pattern p) {
        Set<Integer> out = new TreeSet<>();
        for (String n : names) {
            Matcher m = p.matcher(n);
            if (m.matches()) {
                out.add(Integer.parseInt(m.group(1)));
            }
        }
        return out;
    }
}
