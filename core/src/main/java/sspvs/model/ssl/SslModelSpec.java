package sspvs.model.ssl;

import sspvs.config.SslConfig;
import sspvs.model.SummarizerSpec;

/**
 * The video side of a {@link SelfSupervisedModel}: what the reference's {@code ssl/ssl.yaml} sets, plus the feature
 * width (1024 for GoogLeNet pool5; smaller in tests).
 *
 * @param dModel feature width d
 * @param heads attention heads ({@code nhead_vid})
 * @param ffn feed-forward width of each encoder layer ({@code nhid_vid})
 * @param layers layers of the main video encoder ({@code nlayers_vid}); the interpolation encoder has one
 * @param posEncWeight factor on the sinusoidal table ({@code pos_enc_weight}, 1 in pre-training)
 * @param dropout dropout of the positions and inside the encoders ({@code dropout_vid})
 * @param windowSize frames around (and including) the masked one that the interpolation encoder sees
 *     ({@code window_size}, odd)
 * @param dropoutClassifier dropout inside the video–text matching MLP ({@code dropout_classifier})
 */
public record SslModelSpec(int dModel, int heads, int ffn, int layers, float posEncWeight, float dropout,
        int windowSize, float dropoutClassifier) {

    public SslModelSpec {
        if (windowSize < 1 || windowSize % 2 == 0) {
            throw new IllegalArgumentException("window size must be odd and positive: " + windowSize);
        }
        if (dModel % 2 != 0 || dModel < 2) {
            throw new IllegalArgumentException("dModel must be even and >= 2: " + dModel);
        }
        if (!(dropoutClassifier >= 0 && dropoutClassifier < 1)) {
            throw new IllegalArgumentException("dropoutClassifier must be in [0, 1): " + dropoutClassifier);
        }
        new SummarizerSpec(dModel, heads, ffn, layers, 1, posEncWeight, dropout, 0f); // validates the rest
    }

    /** The reference's pre-training model: d 1024, 8 heads, FFN 4096, 3 layers, positions ×1, window 9. */
    public static SslModelSpec reference() {
        return new SslModelSpec(SummarizerSpec.FEATURE_WIDTH, 8, 4096, 3, 1f, 0.1f, 9, 0.1f);
    }

    /** The model an SSL config describes (its {@code feature_dim} is d). */
    public static SslModelSpec of(SslConfig config) {
        return new SslModelSpec(config.featureDim(), config.nheadVid(), config.nhidVid(), config.nlayersVid(),
                (float) config.posEncWeight(), (float) config.dropoutVid(), config.windowSize(),
                (float) config.dropoutClassifier());
    }

    /** Frames on each side of the masked one in the interpolation window. */
    public int windowRadius() {
        return (windowSize - 1) / 2;
    }

    /** The encoder's sizes in the summarizer's terms (one stage; the stage count is irrelevant here). */
    public SummarizerSpec encoderSpec() {
        return new SummarizerSpec(dModel, heads, ffn, layers, 1, posEncWeight, dropout, 0f);
    }
}
