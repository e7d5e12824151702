package sspvs.summarize;

import java.nio.file.Files;
import java.nio.file.Path;
import sspvs.UserException;
import sspvs.video.features.ColourHistogramExtractor;
import sspvs.video.features.FeatureExtractor;
import sspvs.video.features.ModelDownloader;
import sspvs.video.features.OnnxFeatureExtractor;

/**
 * Which image model turns frames into features, and how its input is prepared: by default the ONNX model zoo's
 * GoogLeNet, pool5 (fetched once into the user cache), as the public eccv16 features are.
 *
 * @param modelOrNull an ONNX image model, or null for GoogLeNet
 * @param preset {@link Preset#GOOGLENET} or {@link Preset#PLAIN}; null picks GOOGLENET without a model file and
 *     PLAIN with one
 * @param inputSizeOrNull the model's input {width, height}, or null for 224x224
 * @param bgrOrNull feed channels as BGR (Caffe models), or null for the preset's choice
 * @param scaleOrNull factor on 0..255 pixel values before the means, or null
 * @param meanOrNull per-channel means (model order), or null
 * @param stdOrNull per-channel divisors, or null
 * @param outputNameOrNull the tensor to use as features, or null for the preset's
 * @param histogramBinsOrNull TESTS ONLY: colour-histogram features (bins^3-d) instead of a model
 */
public record FeatureExtractorSettings(Path modelOrNull, Preset preset, int[] inputSizeOrNull, Boolean bgrOrNull,
        Float scaleOrNull, float[] meanOrNull, float[] stdOrNull, String outputNameOrNull,
        Integer histogramBinsOrNull) {

    /** Preprocessing presets. */
    public enum Preset {
        /** 224x224, BGR, ImageNet means, output {@value OnnxFeatureExtractor#GOOGLENET_POOL5}. */
        GOOGLENET,
        /** 224x224, RGB 0..255, first output. */
        PLAIN
    }

    /** GoogLeNet pool5 from the model zoo: what the published models expect. */
    public static FeatureExtractorSettings googlenet() {
        return new FeatureExtractorSettings(null, null, null, null, null, null, null, null, null);
    }

    /** Colour histograms (bins^3-d) for tests and the demo: no model file, and no published model works with them. */
    public static FeatureExtractorSettings colourHistogram(int bins) {
        return new FeatureExtractorSettings(null, null, null, null, null, null, null, null, bins);
    }

    /**
     * An open extractor with its provenance.
     *
     * @param name e.g. {@code onnx:googlenet-12.onnx#pool5/7x7_s1_2}
     * @param sha256 SHA-256 of the model file, "" when there is none
     * @param inputSize the model's input {w, h}, or null
     */
    public record Opened(FeatureExtractor extractor, String name, String sha256, int[] inputSize)
            implements AutoCloseable {
        @Override
        public void close() {
            extractor.close();
        }
    }

    /** Opens the extractor these settings describe (fetching GoogLeNet on first use, silently). */
    public Opened open() {
        return open(ModelDownloader.Progress.NONE);
    }

    /** As {@link #open()}, telling {@code download} how a first-use download of GoogLeNet goes. */
    public Opened open(ModelDownloader.Progress download) {
        if (histogramBinsOrNull != null) {
            return new Opened(new ColourHistogramExtractor(histogramBinsOrNull),
                    "colour-histogram:" + histogramBinsOrNull + " (TEST ONLY, not the public features)", "", null);
        }
        Preset p = preset != null ? preset : modelOrNull == null ? Preset.GOOGLENET : Preset.PLAIN;
        OnnxFeatureExtractor.Options options = p == Preset.GOOGLENET
                ? OnnxFeatureExtractor.Options.googlenetPool5() : new OnnxFeatureExtractor.Options();
        int[] size = {224, 224};
        if (inputSizeOrNull != null) {
            size = inputSizeOrNull.clone();
            options.inputSize(size[0], size[1]);
        }
        if (bgrOrNull != null) {
            options.bgr(bgrOrNull);
        }
        if (scaleOrNull != null) {
            options.scale(scaleOrNull);
        }
        if (meanOrNull != null) {
            options.mean(meanOrNull[0], meanOrNull[1], meanOrNull[2]);
        }
        if (stdOrNull != null) {
            try {
                options.std(stdOrNull[0], stdOrNull[1], stdOrNull[2]);
            } catch (IllegalArgumentException e) {
                throw new UserException("features model standard deviations: " + e.getMessage());
            }
        }
        if (outputNameOrNull != null) {
            options.outputName(outputNameOrNull);
        }
        Path file = modelOrNull != null ? modelOrNull
                : ModelDownloader.inUserCache().progress(download).fetch(OnnxFeatureExtractor.GOOGLENET);
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": features model not found");
        }
        OnnxFeatureExtractor ex = new OnnxFeatureExtractor(file, options);
        return new Opened(ex, "onnx:" + file.getFileName() + "#" + ex.outputName(), sspvs.io.Sha256.of(file),
                size);
    }
}
