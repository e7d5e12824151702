package sspvs.summarize;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.SummarizerCheckpoints;
import sspvs.model.SummarizerSpec;
import sspvs.model.WindowedScorer;
import sspvs.video.features.FeatureFile;
import sspvs.video.features.ModelDownloader;

/**
 * The one entry point from a video file to its summary outputs, shared by every front end ({@code sspvs summarize},
 * {@code sspvs batch} on Spark, {@code sspvs serve}): decode at 2 samples per second, image features, KTS shots, the
 * progressive summarizer's scores, the 0/1 knapsack, then summary.mp4, shots.csv, summary.json, features.h5 and
 * report.html written all or nothing.
 *
 * <p>Open it once and summarise many videos: the checkpoint is loaded in {@link #open} and the feature model on first
 * use, then both are reused. An instance is <b>not thread-safe</b>: give each worker thread its own (the model's
 * parameters are a few hundred MB at paper size). {@link #close} frees the model and the feature session.
 *
 * <pre>{@code
 * try (SummarizePipeline p = SummarizePipeline.open(SummarizePipeline.Settings.of(ckpt))) {
 *     SummarizeResult r = p.summarize(SummarizeRequest.of(video, outDir));
 * }
 * }</pre>
 */
public final class SummarizePipeline implements AutoCloseable {
    /**
     * How the pipeline is set up, for all the videos it summarises.
     *
     * @param model a checkpoint written by {@code sspvs run}, or a reference PyTorch Lightning .ckpt
     * @param configOrNull the run config for a reference checkpoint that does not state its architecture
     * @param features the feature extractor (used unless a request brings a features file)
     * @param windowSteps longest sequence scored in one pass
     * @param windowHop step between windows for longer videos
     */
    public record Settings(Path model, RunConfig configOrNull, FeatureExtractorSettings features, int windowSteps,
            int windowHop) {
        public static Settings of(Path model) {
            return new Settings(model, null, FeatureExtractorSettings.googlenet(), WindowedScorer.DEFAULT_WINDOW,
                    WindowedScorer.DEFAULT_HOP);
        }

        public Settings withConfig(RunConfig value) {
            return new Settings(model, value, features, windowSteps, windowHop);
        }

        public Settings withFeatures(FeatureExtractorSettings value) {
            return new Settings(model, configOrNull, value, windowSteps, windowHop);
        }

        public Settings withWindow(int steps, int hop) {
            return new Settings(model, configOrNull, features, steps, hop);
        }
    }

    private final Settings settings;
    private final NDManager manager;
    private final SummarizerCheckpoints.Loaded loaded;
    private final VideoSummary.ModelProvenance provenance;
    private final WindowedScorer scorer;
    private FeatureExtractorSettings.Opened extractor;

    private SummarizePipeline(Settings settings, NDManager manager, SummarizerCheckpoints.Loaded loaded,
            VideoSummary.ModelProvenance provenance, WindowedScorer scorer) {
        this.settings = settings;
        this.manager = manager;
        this.loaded = loaded;
        this.provenance = provenance;
        this.scorer = scorer;
    }

    /** Loads the checkpoint; what the load found (missing names, untrained heads) goes to {@code listener}. */
    public static SummarizePipeline open(Settings settings, ProgressListener listener) {
        Path model = settings.model();
        if (model == null) {
            throw new UserException("a trained summarizer checkpoint is required");
        }
        if (!Files.isRegularFile(model)) {
            throw new UserException(model + ": checkpoint not found");
        }
        WindowedScorer scorer;
        try {
            scorer = new WindowedScorer(settings.windowSteps(), settings.windowHop());
        } catch (IllegalArgumentException e) {
            throw new UserException("scoring windows: " + e.getMessage());
        }
        NDManager manager = NDManager.newBaseManager();
        SummarizerCheckpoints.Loaded loaded = null;
        try {
            loaded = SummarizerCheckpoints.load(model, manager, settings.configOrNull());
            if (loaded.model().textGuided()) {
                throw new UserException(model + " is a text-guided model (with_info_guide): it needs the video's "
                        + "category, query and title, which summarising a video file does not take; use a "
                        + "checkpoint trained without text guidance (e.g. from ts_c or sm_c)");
            }
            if (loaded.origin() == SummarizerCheckpoints.Origin.REFERENCE) { // loaded non-strictly: always said
                listener.warning(loaded.report().describe());
            }
            if (loaded.scoreHeadsUntrained()) {
                listener.warning(model.getFileName() + " has no trained score heads (score_predict.*): it is the "
                        + "self-supervised model the authors publish, not a summarizer; its scores are untrained. "
                        + "Fine-tune it with 'sspvs run' and use that checkpoint.");
            }
            SummarizerSpec s = loaded.spec();
            VideoSummary.ModelProvenance provenance = new VideoSummary.ModelProvenance(
                    model.getFileName().toString(), sspvs.io.Sha256.of(model), loaded.origin().name(),
                    String.format(Locale.ROOT, "d=%d heads=%d ffn=%d layers=%d stages=%d pos_enc_weight=%s",
                            s.dModel(), s.heads(), s.ffn(), s.layers(), s.stages(), s.posEncWeight()),
                    loaded.report().describe(), loaded.scoreHeadsUntrained());
            return new SummarizePipeline(settings, manager, loaded, provenance, scorer);
        } catch (RuntimeException | Error e) {
            if (loaded != null) {
                loaded.close();
            }
            manager.close();
            throw e;
        }
    }

    /** As {@link #open(Settings, ProgressListener)}, dropping the load's warnings. */
    public static SummarizePipeline open(Settings settings) {
        return open(settings, ProgressListener.NONE);
    }

    /** The checkpoint's provenance (file name, SHA-256, origin, architecture), as summary.json records it. */
    public VideoSummary.ModelProvenance model() {
        return provenance;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Summarises one video into {@code request.outDir()}: every output is written to a temporary folder beside it and
     * moved into place only when all are complete, so a failure or an interruption leaves no half-written folder.
     *
     * @throws UserException for a file that cannot be summarised (not a video, damaged, too short), naming it
     */
    public SummarizeResult summarize(SummarizeRequest request) {
        Path video = request.video();
        if (Files.isDirectory(video)) {
            throw new UserException(video + ": is a folder, not a video file");
        }
        if (!Files.isRegularFile(video)) {
            throw new UserException(video + ": video file not found");
        }
        if (Files.exists(request.outDir()) && !Files.isDirectory(request.outDir())) {
            throw new UserException(request.outDir() + ": exists and is not a folder; choose another output folder");
        }
        SummaryOutputs.checkReplaceable(request.outDir()); // before the work, not after it
        ProgressListener listener = request.listener();
        VideoSummarizer summarizer = new VideoSummarizer(loaded.model(), provenance, request.ratio(), scorer)
                .listener(listener);
        VideoSummary summary;
        if (request.featuresFileOrNull() != null) {
            Path file = request.featuresFileOrNull();
            summary = summarizer.summarize(video, file, FeatureFile.read(file));
        } else {
            if (extractor == null) {
                extractor = settings.features().open(downloadMessages(listener));
            }
            summary = summarizer.summarize(video, extractor.extractor(), extractor.name(), extractor.sha256(),
                    extractor.inputSize());
        }
        Map<String, Double> seconds = new LinkedHashMap<>(summary.seconds());
        seconds.putAll(SummaryOutputs.write(summary, request.outDir(), listener));
        return new SummarizeResult(request.outDir(), summary, seconds);
    }

    /** A first-use download of the feature model, as a line when it starts and one when it is done. */
    private static sspvs.video.features.ModelDownloader.Progress downloadMessages(ProgressListener listener) {
        boolean[] said = {false};
        return (file, done, total) -> {
            if (!said[0]) {
                said[0] = true;
                listener.message(String.format(Locale.ROOT, "Downloading %s%s (once, into the user cache)...",
                        file, total > 0 ? String.format(Locale.ROOT, ", %.1f MiB", total / 1048576.0) : ""));
            }
            if (total > 0 && done >= total) {
                listener.message("Downloaded " + file);
            }
        };
    }

    @Override
    public void close() {
        try {
            if (extractor != null) {
                extractor.close();
            }
        } finally {
            loaded.close();
            manager.close();
        }
    }
}
