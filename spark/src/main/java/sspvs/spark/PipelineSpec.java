package sspvs.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import sspvs.config.RunConfig;
import sspvs.io.Sha256;
import sspvs.summarize.FeatureExtractorSettings;
import sspvs.summarize.SummarizePipeline;

/**
 * The pipeline settings and ratio of a batch in a form Spark can ship to executors (paths as strings, a config by
 * its file): {@link #settings()} rebuilds {@link SummarizePipeline.Settings} there, and {@link #key()} names the
 * pipeline an executor holds for it.
 */
public final class PipelineSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String model;
    private final String configOrNull;
    private final String featuresModelOrNull;
    private final String presetOrNull;
    private final int[] inputSizeOrNull;
    private final Boolean bgrOrNull;
    private final Float scaleOrNull;
    private final float[] meanOrNull;
    private final float[] stdOrNull;
    private final String outputNameOrNull;
    private final Integer histogramBinsOrNull;
    private final int windowSteps;
    private final int windowHop;
    private final double ratio;

    private PipelineSpec(SummarizePipeline.Settings s, Path configOrNull, double ratio) {
        FeatureExtractorSettings f = s.features();
        this.model = s.model().toAbsolutePath().normalize().toString();
        this.configOrNull = configOrNull == null ? null : configOrNull.toAbsolutePath().normalize().toString();
        this.featuresModelOrNull = f.modelOrNull() == null ? null
                : f.modelOrNull().toAbsolutePath().normalize().toString();
        this.presetOrNull = f.preset() == null ? null : f.preset().name();
        this.inputSizeOrNull = f.inputSizeOrNull();
        this.bgrOrNull = f.bgrOrNull();
        this.scaleOrNull = f.scaleOrNull();
        this.meanOrNull = f.meanOrNull();
        this.stdOrNull = f.stdOrNull();
        this.outputNameOrNull = f.outputNameOrNull();
        this.histogramBinsOrNull = f.histogramBinsOrNull();
        this.windowSteps = s.windowSteps();
        this.windowHop = s.windowHop();
        this.ratio = ratio;
    }

    /**
     * The spec of {@code settings} (whose config, if any, was read from {@code configOrNull}) at {@code ratio}.
     */
    public static PipelineSpec of(SummarizePipeline.Settings settings, Path configOrNull, double ratio) {
        return new PipelineSpec(settings, configOrNull, ratio);
    }

    /** The settings, rebuilt (on an executor: the config is read again from its file). */
    public SummarizePipeline.Settings settings() {
        FeatureExtractorSettings features = new FeatureExtractorSettings(
                featuresModelOrNull == null ? null : Path.of(featuresModelOrNull),
                presetOrNull == null ? null : FeatureExtractorSettings.Preset.valueOf(presetOrNull), inputSizeOrNull,
                bgrOrNull, scaleOrNull, meanOrNull, stdOrNull, outputNameOrNull, histogramBinsOrNull);
        return SummarizePipeline.Settings.of(Path.of(model))
                .withConfig(configOrNull == null ? null : RunConfig.load(Path.of(configOrNull)))
                .withFeatures(features)
                .withWindow(windowSteps, windowHop);
    }

    public double ratio() {
        return ratio;
    }

    public String model() {
        return model;
    }

    /** Everything that decides the pipeline an executor loads (not the ratio, which each request carries). */
    public String key() {
        return String.join("|", "model=" + model, "config=" + configOrNull, features(), "window=" + windowSteps + "/"
                + windowHop);
    }

    /**
     * A checksum of everything that decides a video's outputs besides its bytes: the checkpoint's and any config's
     * or feature model's bytes, the feature options, the windows and the ratio. Read on the driver, once per run.
     *
     * @param modelSha256 the checkpoint's checksum (read once by the caller: it may be hundreds of MB)
     */
    public String fingerprint(String modelSha256) {
        return Sha256.ofText(String.join("|", "model=" + modelSha256,
                "config=" + (configOrNull == null ? "-" : Sha256.of(Path.of(configOrNull))),
                "features_model=" + (featuresModelOrNull == null ? "-" : Sha256.of(Path.of(featuresModelOrNull))),
                features().replace("features_model=" + featuresModelOrNull, ""),
                "window=" + windowSteps + "/" + windowHop, String.format(Locale.ROOT, "ratio=%s", ratio)));
    }

    private String features() {
        return String.join(",", "features_model=" + featuresModelOrNull, "preset=" + presetOrNull,
                "input=" + Arrays.toString(inputSizeOrNull), "bgr=" + bgrOrNull, "scale=" + scaleOrNull,
                "mean=" + Arrays.toString(meanOrNull), "std=" + Arrays.toString(stdOrNull), "output="
                        + outputNameOrNull, "histogram=" + histogramBinsOrNull);
    }
}
