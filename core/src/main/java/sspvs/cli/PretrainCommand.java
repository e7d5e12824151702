package sspvs.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sspvs.UserException;
import sspvs.config.SslConfig;
import sspvs.data.SslSamples;
import sspvs.data.SyntheticVideoText;
import sspvs.data.YtvtDirectory;
import sspvs.io.AtomicFiles;
import sspvs.io.FolderLock;
import sspvs.model.EngineThreads;
import sspvs.model.io.LoadReport;
import sspvs.model.io.NonStrictLoad;
import sspvs.model.ssl.SelfSupervisedModel;
import sspvs.model.ssl.SslModelSpec;
import sspvs.model.TextEncoderChoice;
import sspvs.text.TextInputBuilder;
import sspvs.text.TextTokenizer;
import sspvs.train.PretrainOutputs;
import sspvs.train.PretrainState;
import sspvs.train.SslTrainer;

/**
 * {@code sspvs pretrain CONFIG}: multimodal self-supervised pre-training on YTVT (the reference's
 * {@code ssl/main_ssl.py}). Writes {@code <out>/<CONFIG NAME>/} ({@code results/SSL/} for {@code configs/ssl.yaml}):
 * {@code metrics.csv}, {@code best.ckpt} (the summarizer's {@code resume}) and {@code run.json}. The same command
 * again continues an interrupted run after its last completed epoch (to the same files as a run never stopped)
 * and leaves a finished one as it is; {@code --restart} starts over.
 */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Self-supervised pre-training of the video encoder on videos with text (YTVT layout): "
                + "masked-frame prediction, video-text matching and frame-word alignment.",
            "The best checkpoint by validation matching accuracy starts the summarizer (config key resume)."})
public final class PretrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "SSL config (YAML), e.g. configs/ssl.yaml")
    Path configFile;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding features/, info_embed/ and list_file/ (default: the current folder).")
    Path data;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value (repeatable), e.g. --set max_epochs=10 --set lr=1e-5")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results",
            description = "Results root; the run goes to DIR/<CONFIG NAME> (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--synthetic", paramLabel = "N",
            description = "First write a synthetic YTVT of N videos (topics shared by features and words) into "
                    + "--data (default: <out>/<NAME>/synthetic-ytvt) and pre-train on it: a demo without YTVT.")
    Integer synthetic;

    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "libtorch intra-op threads (default: the engine's).")
    Integer threads;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or per-epoch lines.")
    boolean quiet;

    @Option(names = "--restart", description = "Start over: delete the earlier run's files in the run's folder "
            + "(state.ckpt, best.ckpt, last.ckpt, metrics.csv, run.json) instead of continuing or keeping it.")
    boolean restart;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(configFile)) {
            throw new UserException("config file " + configFile + " not found");
        }
        SslConfig config = SslConfig.load(configFile).withOverridesFrom("--set", overrides.toArray(String[]::new));
        PretrainOutputs.requireCheckpointPromised(config);
        String name = configFile.getFileName().toString().replaceFirst("\\.ya?ml$", "").toUpperCase(Locale.ROOT);
        Path runDir = out.resolve(name);
        // one pretrain per folder at a time; what a killed one left (.<uuid>.best.ckpt) goes first
        try (FolderLock lock = FolderLock.acquire(runDir, "pretrain")) {
            int stale = AtomicFiles.deleteStaleTemporaries(runDir);
            if (stale > 0) {
                say("Removed %d temporary file(s) an interrupted pretrain left in %s%n", stale, runDir);
            }
            return pretrainLocked(config, runDir);
        }
    }

    private int pretrainLocked(SslConfig config, Path runDir) {
        Path dataDir = data != null ? data : synthetic != null ? runDir.resolve("synthetic-ytvt") : Path.of(".");
        if (!restart) {
            PretrainOutputs.requireSameConfig(runDir, config); // before --synthetic rewrites data in the folder
        }
        if (synthetic != null) {
            if (synthetic < 8) {
                throw new UserException("--synthetic needs at least 8 videos, got " + synthetic);
            }
            if (!config.featureRoot().equals("features") || !config.infoEmbedRoot().equals("info_embed")
                    || !config.trainList().equals("list_file/train_list.json")
                    || !config.valList().equals("list_file/val_list.json")) {
                throw new UserException("--synthetic writes the standard layout (features, info_embed, "
                        + "list_file/{train,val}_list.json); the config names other paths");
            }
            SyntheticVideoText.write(dataDir, new SyntheticVideoText.Spec(synthetic, 4, config.featureDim(),
                    Math.max(1, config.maxVideo() / 2), config.maxVideo() * 2, 0.25, config.seed()));
            say("Wrote a synthetic YTVT of %d videos to %s%n", synthetic, dataDir);
        }
        YtvtDirectory source = YtvtDirectory.open(dataDir, config.featureRoot(), config.infoEmbedRoot(),
                config.trainList(), config.valList(), 2L << 30);
        int width = source.features(source.trainIds().get(0))[0].length;
        if (width != config.featureDim()) {
            throw new UserException("features of video " + source.trainIds().get(0) + " in " + dataDir + " are "
                    + width + " wide, the config's feature_dim is " + config.featureDim());
        }
        if (threads != null) {
            EngineThreads.set(threads);
        }
        TextInputBuilder textInput;
        try (TextTokenizer tokenizer = TextTokenizer.bundledMiniLm()) {
            textInput = new TextInputBuilder(tokenizer, new TextInputBuilder.Limits(config.maxCat(),
                    config.maxQuery(), config.maxTitle(), config.maxDesc()));
        }
        String digest = source.digest();
        if (restart) {
            int deleted = PretrainOutputs.deleteEarlierRun(runDir);
            if (deleted > 0) {
                say("--restart: deleted %d file(s) of the earlier run in %s%n", deleted, runDir);
            }
        }
        PretrainOutputs.Earlier earlier = PretrainOutputs.earlier(runDir, config, digest);
        if (earlier instanceof PretrainOutputs.Earlier.Finished f) {
            say("%s: finished earlier (%d epochs%s); nothing to do (add --restart to train again)%n", runDir,
                    f.epochs(), f.bestEpoch() == null ? "" : ", best validation in epoch " + (f.bestEpoch() + 1));
            return 0;
        }
        PretrainState resumed = earlier instanceof PretrainOutputs.Earlier.Unfinished u ? u.state() : null;
        SslSamples samples = new SslSamples(source, textInput, config.maxVideo());
        int stepsPerEpoch = SslSamples.epochBatches(source.trainIds(), config.setMultiply(),
                config.batchSizeTrain()).size();
        try (NDManager manager = NDManager.newBaseManager();
                SelfSupervisedModel model = new SelfSupervisedModel(SslModelSpec.of(config),
                        TextEncoderChoice.of(config), manager, config.seed())) {
            if (config.resume() != null && !config.resume().isBlank()) {
                resume(model, Path.of(config.resume()));
            }
            int vocab = model.textEncoder().config().vocab();
            for (List<String> ids : List.of(source.trainIds(), source.valIds())) {
                ids.forEach(id -> source.text(id).requireVocabulary(dataDir.resolve(config.infoEmbedRoot()), vocab));
            }
            if (resumed != null) {
                model.load(resumed.parameters());
                say("Resuming %s after epoch %d of %d%n", runDir, resumed.epoch() + 1, config.maxEpochs());
            }
            say("Pre-training %,d parameters (text encoder %s, %d layers): %d training and %d validation videos, "
                            + "%d steps per epoch, %d epochs -> %s%n", model.parameterCount(), config.textEncoder(),
                    config.textLayers(), source.trainIds().size(), source.valIds().size(), stepsPerEpoch,
                    config.maxEpochs(), runDir);
            PretrainOutputs outputs = new PretrainOutputs(runDir, config, provenance(dataDir, source), stepsPerEpoch,
                    digest, resumed);
            new SslTrainer(config, quiet).fit(model, source, samples, (summary, m, adam) -> {
                outputs.onEpochEnd(summary, m, adam);
                report(summary, config.maxEpochs());
            }, resumed == null ? SslTrainer.Start.FRESH : resumed.start());
            say("Done: %s%n", runDir);
        }
        return 0;
    }

    private void resume(SelfSupervisedModel model, Path file) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        model.parameterShapes().forEach((n, s) -> expected.put(n, s.getShape()));
        LoadReport report = NonStrictLoad.fromFile(file, NonStrictLoad.LIGHTNING_PREFIX, expected);
        if (!report.complete()) {
            throw new UserException("resume checkpoint " + file + " lacks parameters of this model: "
                    + report.describe());
        }
        sspvs.model.CheckpointChecks.requireFinite(report);
        model.load(report.matched());
        say("%s%n", report.describe());
    }

    private void report(SslTrainer.EpochSummary s, int epochs) {
        if (quiet) {
            return;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "epoch %d/%d: loss %.4f (matching %.4f, masked frame %.4f, alignment %.4f), train acc %.3f",
                s.epoch() + 1, epochs, s.loss(), s.bce(), s.mse(), s.contrast(), s.trainAccuracy()));
        if (s.validation() != null) {
            line.append(String.format(Locale.ROOT, "; val acc %.3f, masked frame %.4f%s", s.validation().accuracy(),
                    s.validation().mse(), s.best() ? " (best, saved)" : ""));
        }
        spec.commandLine().getOut().println(line);
        spec.commandLine().getOut().flush();
    }

    private Map<String, Object> provenance(Path dataDir, YtvtDirectory source) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("config_file", configFile.toAbsolutePath().toString());
        p.put("overrides", List.copyOf(overrides));
        p.put("data", dataDir.toAbsolutePath().normalize().toString());
        p.put("synthetic_videos", synthetic);
        p.put("train_videos", source.trainIds().size());
        p.put("val_videos", source.valIds().size());
        p.put("started", Instant.now().toString());
        // sspvs, Java, OS and DJL versions are run.json's "software" block (report.Provenance), not repeated here
        Engine engine = Engine.getInstance();
        p.put("engine", engine.getEngineName() + " " + engine.getVersion());
        p.put("threads", EngineThreads.get());
        return p;
    }

    private void say(String format, Object... args) {
        if (!quiet) {
            spec.commandLine().getOut().printf(Locale.ROOT, format, args);
            spec.commandLine().getOut().flush();
        }
    }
}
