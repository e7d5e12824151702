package sspvs.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import sspvs.UserException;
import sspvs.model.ParameterTensor;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.model.io.LoadReport;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;

/**
 * The checkpoint a run's every split starts from ({@code resume} / {@code --pretrained}), matched to the model with
 * the reference's non-strict rule ({@link NonStrictLoad}): the file is read once, when the first split's model
 * shows which names and shapes it needs, and the load report (what was loaded, missing, unused) is said then.
 * {@link #NONE} is training from scratch.
 */
final class PretrainedWeights {
    static final PretrainedWeights NONE = new PretrainedWeights(null, line -> {});

    private final Path file;
    private final Consumer<String> say;
    private Map<String, ParameterTensor> tensors; // read on first use: the expected shapes come from a model

    PretrainedWeights(Path file, Consumer<String> say) {
        this.file = file;
        this.say = say;
    }

    /** The file, or null for scratch. */
    Path file() {
        return file;
    }

    /** The file as recorded in progress files and run.json: absolute and normalised, or null. */
    String label() {
        return file == null ? null : file.toAbsolutePath().normalize().toString();
    }

    /** Loads what the file holds of {@code model}'s parameters into it; the rest keeps its initialisation. */
    void loadInto(ProgressiveSummarizer model) {
        if (file == null) {
            return;
        }
        if (tensors == null) {
            tensors = read(model);
        }
        model.loadSome(tensors);
    }

    private Map<String, ParameterTensor> read(ProgressiveSummarizer model) {
        String prefix = SummarizerCheckpoints.prefixOf(TorchCheckpoint.load(file, n -> false));
        Map<String, long[]> expected = new LinkedHashMap<>();
        model.parameterShapes().forEach((n, s) -> expected.put(n, s.getShape()));
        LoadReport report = NonStrictLoad.fromFile(file, prefix, expected);
        if (report.matched().isEmpty()) {
            throw new UserException(file + ": none of the model's parameters are in this checkpoint (is it a "
                    + "video summarizer or the authors' pretrained_model.ckpt?)");
        }
        sspvs.model.CheckpointChecks.requireFinite(report);
        sspvs.model.CheckpointChecks.requireSameArchitecture(report, "the run config");
        // the reference's strict=False start: only the score heads may be fresh (the self-supervised model), and
        // the text side, which TextGuidance takes from this file or elsewhere
        sspvs.model.CheckpointChecks.requireComplete(report, sspvs.model.CheckpointChecks.SCORE_HEADS
                .or(n -> n.startsWith("bert_") || n.startsWith("project_t_v.")), false);
        Map<String, ParameterTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, TorchTensor> e : report.matched().entrySet()) {
            out.put(e.getKey(), new ParameterTensor(e.getValue().shape(), e.getValue().data()));
        }
        say.accept(report.describe());
        return out;
    }
}
