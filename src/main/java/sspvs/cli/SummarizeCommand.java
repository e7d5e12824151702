package sspvs.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.SummarizerCheckpoints;
import sspvs.model.SummarizerSpec;
import sspvs.model.WindowedScorer;
import sspvs.report.SummaryOutputs;
import sspvs.video.ColourHistogramExtractor;
import sspvs.video.FeatureExtractor;
import sspvs.video.FeatureFile;
import sspvs.video.ModelDownloader;
import sspvs.video.OnnxFeatureExtractor;
import sspvs.video.VideoSummarizer;
import sspvs.video.VideoSummary;

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

    @Option(names = "--features-model", paramLabel = "FILE.onnx",
            description = "Image model for the features (default: GoogLeNet pool5 from the ONNX model zoo, "
                    + "downloaded once to the user cache; the published models expect those 1024-d features).")
    Path featuresModel;

    @Option(names = "--features-preset", paramLabel = "NAME",
            description = "Preprocessing preset: googlenet (224x224, BGR, ImageNet means, output "
                    + OnnxFeatureExtractor.GOOGLENET_POOL5 + ") or plain (224x224, RGB 0..255, first output). "
                    + "Default: googlenet without --features-model, plain with it.")
    String featuresPreset;

    @Option(names = "--features-input", paramLabel = "WxH", description = "Model input size, e.g. 224x224.")
    String featuresInput;

    @Option(names = "--features-bgr", negatable = true, description = "Feed channels as BGR (Caffe models).")
    Boolean featuresBgr;

    @Option(names = "--features-scale", description = "Factor on 0..255 pixel values before the means.")
    Float featuresScale;

    @Option(names = "--features-mean", paramLabel = "C0,C1,C2", description = "Per-channel means (model order).")
    String featuresMean;

    @Option(names = "--features-std", paramLabel = "C0,C1,C2", description = "Per-channel divisors.")
    String featuresStd;

    @Option(names = "--features-output", paramLabel = "TENSOR", description = "Tensor to use as the features.")
    String featuresOutput;

    @Option(names = "--window-steps", defaultValue = "" + WindowedScorer.DEFAULT_WINDOW,
            description = "Longest sequence scored in one pass (max " + (SummarizerSpec.MAX_LENGTH - 1)
                    + ", the positional table). Default: ${DEFAULT-VALUE}.")
    int windowSteps;

    @Option(names = "--window-hop", defaultValue = "" + WindowedScorer.DEFAULT_HOP,
            description = "Step between windows for longer videos. Default: ${DEFAULT-VALUE}.")
    int windowHop;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Option(names = "--test-histogram-bins", hidden = true,
            description = "TESTS ONLY: colour-histogram features (bins^3-d). They do not match the public "
                    + "features; no published model works with them.")
    Integer histogramBins;

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
        if (!Files.isRegularFile(video)) {
            throw new UserException(video + ": video file not found");
        }
        WindowedScorer scorer;
        try {
            scorer = new WindowedScorer(windowSteps, windowHop);
        } catch (IllegalArgumentException e) {
            throw new UserException("--window-steps/--window-hop: " + e.getMessage());
        }
        Path outDir = out != null ? out : defaultOut(video);
        RunConfig fallback = config == null ? null : RunConfig.load(config);
        try (NDManager manager = NDManager.newBaseManager();
                SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(model, manager, fallback)) {
            if (!loaded.report().complete() || !loaded.report().unexpected().isEmpty()) {
                err.println("note: " + loaded.report().describe());
            }
            if (loaded.scoreHeadsUntrained()) {
                err.println("warning: " + model.getFileName() + " has no trained score heads (score_predict.*): it "
                        + "is the self-supervised model the authors publish, not a summarizer; the scores below are "
                        + "untrained. Fine-tune it with 'sspvs run' and use that checkpoint.");
            }
            SummarizerSpec s = loaded.spec();
            VideoSummary.ModelProvenance provenance = new VideoSummary.ModelProvenance(
                    model.getFileName().toString(), ModelDownloader.sha256(model), loaded.origin().name(),
                    String.format(Locale.ROOT, "d=%d heads=%d ffn=%d layers=%d stages=%d pos_enc_weight=%s",
                            s.dModel(), s.heads(), s.ffn(), s.layers(), s.stages(), s.posEncWeight()),
                    loaded.report().describe(), loaded.scoreHeadsUntrained());
            VideoSummarizer summarizer = new VideoSummarizer(loaded.model(), provenance, ratio, scorer).quiet(quiet);
            VideoSummary result;
            if (features != null) {
                result = summarizer.summarize(video, features, FeatureFile.read(features));
            } else {
                try (Extractor ex = extractor()) {
                    result = summarizer.summarize(video, ex.extractor, ex.name, ex.sha256, ex.inputSize);
                }
            }
            Map<String, Double> writing = SummaryOutputs.write(result, outDir);
            outWriter.printf(Locale.ROOT, "%s: %d shots, kept %d (%.1f of %.1f s, ratio %.2f) -> %s%n",
                    video.getFileName(), result.shots().count(), result.selectedRanges().size(),
                    result.selectedSeconds(), result.features().nFrames() / result.fps(), ratio,
                    outDir.resolve(SummaryOutputs.HTML));
            if (!quiet) {
                StringBuilder times = new StringBuilder("seconds:");
                result.seconds().forEach((k, v) -> times.append(String.format(Locale.ROOT, " %s %.2f", k, v)));
                writing.forEach((k, v) -> times.append(String.format(Locale.ROOT, " %s %.2f", k, v)));
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

    /** The chosen extractor with its provenance. */
    record Extractor(FeatureExtractor extractor, String name, String sha256, int[] inputSize) implements AutoCloseable {
        @Override
        public void close() {
            extractor.close();
        }
    }

    Extractor extractor() {
        if (histogramBins != null) {
            return new Extractor(new ColourHistogramExtractor(histogramBins),
                    "colour-histogram:" + histogramBins + " (TEST ONLY, not the public features)", "", null);
        }
        String preset = featuresPreset != null ? featuresPreset : featuresModel == null ? "googlenet" : "plain";
        OnnxFeatureExtractor.Options options = switch (preset) {
            case "googlenet" -> OnnxFeatureExtractor.Options.googlenetPool5();
            case "plain" -> new OnnxFeatureExtractor.Options();
            default -> throw new UserException("--features-preset must be googlenet or plain, not '" + preset + "'");
        };
        int[] size = {224, 224};
        if (featuresInput != null) {
            String[] wh = featuresInput.toLowerCase(Locale.ROOT).split("x");
            try {
                size = new int[] {Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim())};
                options.inputSize(size[0], size[1]);
            } catch (RuntimeException e) {
                throw new UserException("--features-input must be WIDTHxHEIGHT, e.g. 224x224, not '" + featuresInput
                        + "'");
            }
        }
        if (featuresBgr != null) {
            options.bgr(featuresBgr);
        }
        if (featuresScale != null) {
            options.scale(featuresScale);
        }
        if (featuresMean != null) {
            float[] m = triple("--features-mean", featuresMean);
            options.mean(m[0], m[1], m[2]);
        }
        if (featuresStd != null) {
            float[] s = triple("--features-std", featuresStd);
            try {
                options.std(s[0], s[1], s[2]);
            } catch (IllegalArgumentException e) {
                throw new UserException("--features-std: " + e.getMessage());
            }
        }
        if (featuresOutput != null) {
            options.outputName(featuresOutput);
        }
        Path file = featuresModel != null ? featuresModel
                : ModelDownloader.inUserCache().fetch(OnnxFeatureExtractor.GOOGLENET);
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": features model not found");
        }
        OnnxFeatureExtractor ex = new OnnxFeatureExtractor(file, options);
        return new Extractor(ex, "onnx:" + file.getFileName() + "#" + ex.outputName(), ModelDownloader.sha256(file),
                size);
    }

    private static float[] triple(String option, String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new UserException(option + " needs three comma-separated numbers, not '" + text + "'");
        }
        float[] v = new float[3];
        try {
            for (int i = 0; i < 3; i++) {
                v[i] = Float.parseFloat(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new UserException(option + " needs three comma-separated numbers, not '" + text + "'");
        }
        return v;
    }
}
