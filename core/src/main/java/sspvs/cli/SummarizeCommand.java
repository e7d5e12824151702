package sspvs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.summarize.ProgressListener;
import sspvs.summarize.SummarizePipeline;
import sspvs.summarize.SummarizeRequest;
import sspvs.summarize.SummarizeResult;
import sspvs.summarize.VideoSummary;

/**
 * {@code sspvs summarize VIDEO --model CKPT}: a short summary of one's own video — decode at 2 samples per second,
 * GoogLeNet pool5 features, KTS shots, the model's scores, the 15% knapsack — written to a folder with the summary
 * video, a shots table, a JSON record, the reusable features and an HTML report.
 */
@Command(name = "summarize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarises a video with a trained model: writes summary.mp4 (chosen shots, with sound), "
                + "shots.csv, summary.json, features.h5 and report.html into --out, all or nothing.",
            "Frames are sampled at 2 per second of video time (by timestamp, so any frame rate keeps the model's "
                + "time scale); features are GoogLeNet pool5 (fetched on first use) unless --features-model or "
                + "--features is given; shots come from KTS; videos longer than --window-steps are scored in "
                + "overlapping windows."})
public final class SummarizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VIDEO", description = "The video file.")
    Path video;

    @Option(names = "--model", paramLabel = "CKPT",
            description = "Checkpoint: one written by 'sspvs run', or a reference (PyTorch Lightning) .ckpt.")
    Path model;

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "Run config for a reference checkpoint that does not state its architecture.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: <video>_summary).")
    Path out;

    @Option(names = "--ratio", defaultValue = "0.15",
            description = "Share of the video's frames the summary may keep. Default: ${DEFAULT-VALUE}.")
    double ratio;

    @Option(names = "--features", paramLabel = "FILE.h5",
            description = "Reuse the features.h5 of an earlier run (skips decoding and feature extraction).")
    Path features;

    @Mixin
    FeatureExtractorOptions extractorOptions;

    @Mixin
    WindowOptions window;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        if (!(ratio > 0 && ratio <= 1)) {
            throw new UserException("--ratio must be in (0, 1], got " + ratio);
        }
        if (model == null) {
            throw new UserException(noModelMessage());
        }
        if (Files.isDirectory(video)) {
            throw new UserException(video + ": is a folder, not a video file");
        }
        if (!Files.isRegularFile(video)) {
            throw new UserException(video + ": video file not found");
        }
        window.check();
        Path outDir = out != null ? out : defaultOut(video);
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) { // the pipeline says so too, without the option
            throw new UserException(outDir + ": exists and is not a folder; choose another --out");
        }
        SummarizePipeline.Settings settings = SummarizePipeline.Settings.of(model)
                .withConfig(config == null ? null : RunConfig.load(config))
                .withFeatures(extractorOptions.settings())
                .withWindow(window.steps(), window.hop());
        ProgressListener listener = new ProgressLines(err, quiet, video.getFileName().toString());
        try (SummarizePipeline pipeline = SummarizePipeline.open(settings, listener)) {
            SummarizeRequest request = new SummarizeRequest(video, outDir, ratio, features, listener);
            SummarizeResult r = pipeline.summarize(request);
            VideoSummary result = r.summary();
            outWriter.printf(Locale.ROOT, "%s: %d shots, kept %d (%.1f of %.1f s, ratio %.2f) -> %s%n",
                    video.getFileName(), result.shots().count(), result.selectedRanges().size(),
                    result.selectedSeconds(), result.features().nFrames() / result.fps(), ratio,
                    r.file(SummarizeResult.HTML));
            if (!quiet) {
                StringBuilder times = new StringBuilder("seconds:");
                r.seconds().forEach((k, v) -> times.append(String.format(Locale.ROOT, " %s %.2f", k, v)));
                err.println(times);
            }
        }
        return 0;
    }

    static Path defaultOut(Path video) {
        String name = video.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        Path parent = video.toAbsolutePath().getParent();
        return parent.resolve(stem + "_summary");
    }

    static String noModelMessage() {
        return "--model CKPT is required: a trained summarizer checkpoint. Train one with 'sspvs run CONFIG.yaml' "
                + "(e.g. configs/ts_c.yaml on TVSum), or pass a reference PyTorch Lightning .ckpt. Note that the "
                + "authors publish only the self-supervised pretrained_model.ckpt, whose score heads are untrained: "
                + "fine-tune it first (resume: pretrained_model.ckpt in the config).";
    }
}
