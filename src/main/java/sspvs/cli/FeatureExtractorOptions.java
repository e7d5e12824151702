package sspvs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;
import sspvs.UserException;
import sspvs.video.ColourHistogramExtractor;
import sspvs.video.FeatureExtractor;
import sspvs.video.ModelDownloader;
import sspvs.video.OnnxFeatureExtractor;

/**
 * The frame-feature options shared by {@code summarize} and {@code dataset build --videos}: an ONNX image
 * model (default: the zoo's GoogLeNet, pool5, as the public eccv16 features), its preprocessing and output tensor.
 */
public final class FeatureExtractorOptions {
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

    @Option(names = "--test-histogram-bins", hidden = true,
            description = "TESTS ONLY: colour-histogram features (bins^3-d). They do not match the public "
                    + "features; no published model works with them.")
    Integer histogramBins;

    /**
     * The chosen extractor with its provenance.
     *
     * @param name e.g. {@code onnx:googlenet-12.onnx#pool5/7x7_s1_2}
     * @param sha256 SHA-256 of the model file, "" when there is none
     * @param inputSize the model's input {w, h}, or null
     */
    public record Extractor(FeatureExtractor extractor, String name, String sha256, int[] inputSize)
            implements AutoCloseable {
        @Override
        public void close() {
            extractor.close();
        }
    }

    /** Opens the extractor the options describe (fetching GoogLeNet on first use). */
    public Extractor open() {
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
