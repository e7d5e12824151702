package sspvs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sspvs.UserException;
import sspvs.eval.Baselines;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.eval.SummaryBuilder;

/** {@code sspvs baseline human|random}: what human annotators and random scores achieve on a file. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Human agreement and a random baseline for a data file, to show beside a model.",
            "  human  - agreement between annotators: pairwise tau/rho, and leave-one-out tau/rho/F",
            "  random - uniform random step scores evaluated like a model, averaged over draws"})
public final class BaselineCommand implements Callable<Integer> {
    enum Kind { human, random }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "human|random", description = "Which baseline: ${COMPLETION-CANDIDATES}.")
    Kind kind;

    @Option(names = "--data", required = true, paramLabel = "FILE.h5", description = "eccv16-layout HDF5 file.")
    Path data;

    @Option(names = "--metric", paramLabel = "avg|max", converter = MetricOption.class,
            description = MetricOption.DESCRIPTION)
    Metric metric;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random scores (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--draws", defaultValue = "100",
            description = "Random draws to average (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the result as JSON.")
    Path out;

    @Override
    public Integer call() {
        if (draws < 1) {
            throw new UserException("--draws must be at least 1, got " + draws);
        }
        DataFiles.Loaded loaded = DataFiles.readAll(data, spec.commandLine().getErr());
        Metric m = loaded.metric(metric, spec.commandLine().getErr());
        ObjectNode result = kind == Kind.human ? human(loaded, m) : random(loaded, m);
        spec.commandLine().getOut().print(Json.text(result));
        spec.commandLine().getOut().flush();
        if (out != null) {
            Json.write(out, result);
        }
        return 0;
    }

    private ObjectNode human(DataFiles.Loaded loaded, Metric m) {
        Baselines.Human h = Baselines.human(loaded.videos(), m);
        ObjectNode root = Json.object();
        ObjectNode pairwise = root.putObject("pairwise");
        Json.put(pairwise, "kendalltau", h.pairwise().kendall());
        Json.put(pairwise, "spearmanr", h.pairwise().spearman());
        ObjectNode loo = root.putObject("leave_one_out");
        Json.put(loo, "kendalltau", h.leaveOneOut().kendall());
        Json.put(loo, "spearmanr", h.leaveOneOut().spearman());
        Json.put(loo, "f_score", h.leaveOneOut().fScore());
        root.put("metric", m.name().toLowerCase(java.util.Locale.ROOT));
        root.put("videos", h.videos());
        return root;
    }

    private ObjectNode random(DataFiles.Loaded loaded, Metric m) {
        Baselines.Random r = Baselines.random(loaded.videos(), m, seed, draws, new Evaluator(new SummaryBuilder()));
        ObjectNode root = Json.object();
        Json.put(root, "f_score", r.fScore());
        Json.put(root, "precision", r.precision());
        Json.put(root, "recall", r.recall());
        Json.put(root, "kendalltau", r.kendall());
        Json.put(root, "spearmanr", r.spearman());
        root.put("draws", r.draws());
        root.put("seed", r.seed());
        root.put("metric", m.name().toLowerCase(java.util.Locale.ROOT));
        return root;
    }
}
