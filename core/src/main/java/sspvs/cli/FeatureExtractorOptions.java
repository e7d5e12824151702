package sspvs.cli;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;
import sspvs.UserException;
import sspvs.summarize.FeatureExtractorSettings;
import sspvs.video.features.OnnxFeatureExtractor;

/**
 * The frame-feature options shared by {@code summarize} and {@code dataset build --videos}: an ONNX image
 * model (default: the zoo's GoogLeNet, pool5, as the public eccv16 features), its preprocessing and output tensor.
 */
public final class FeatureExtractorOptions {
    /** The command this mixin belongs to, for its error writer. */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Option(names = "--features-model", paramLabel = "FILE.onnx",
            description = "Image model for the features (default: GoogLeNet pool5 from the ONNX model zoo, "
                    + "downloaded once to the user cache; the published models expect those 1024-d features).")
    Path featuresModel;

    @Option(names = "--features-preset", paramLabel = "NAME", converter = FeaturesPresetOption.class,
            completionCandidates = FeaturesPresetOption.class,
            description = "Preprocessing preset: googlenet (224x224, BGR, ImageNet means, output "
                    + OnnxFeatureExtractor.GOOGLENET_POOL5 + ") or plain (224x224, RGB 0..255, first output). "
                    + "Default: googlenet without --features-model, plain with it.")
    FeatureExtractorSettings.Preset featuresPreset;

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

    @Option(names = "--test-histogram-bins", hidden = true,
            description = "TESTS ONLY: colour-histogram features (bins^3-d). They do not match the public "
                    + "features; no published model works with them.")
    Integer histogramBins;

    /** The settings these options describe, checked; errors name the option. */
    public FeatureExtractorSettings settings() {
        int[] size = null;
        if (featuresInput != null) {
            String[] wh = featuresInput.toLowerCase(Locale.ROOT).split("x");
            try {
                size = new int[] {Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim())};
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) { // not WxH
                throw new UserException("--features-input must be WIDTHxHEIGHT, e.g. 224x224, not '" + featuresInput
                        + "'");
            }
        }
        float[] mean = featuresMean == null ? null : triple("--features-mean", featuresMean);
        float[] std = featuresStd == null ? null : triple("--features-std", featuresStd);
        return new FeatureExtractorSettings(featuresModel, featuresPreset, size, featuresBgr, featuresScale, mean, std,
                featuresOutput, histogramBins);
    }

    /** Opens the extractor the options describe (fetching GoogLeNet on first use, with a bar on standard error). */
    public FeatureExtractorSettings.Opened open() {
        if (mixee == null) {
            return settings().open();
        }
        try (ProgressBars bars = new ProgressBars(mixee.commandLine().getErr())) {
            return settings().open((file, done, total) -> bars.update("Downloading " + file, " MiB",
                    done >> 10, total > 0 ? total >> 10 : -1));
        }
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
