package sspvs.model;

import sspvs.config.RunConfig;

/**
 * The size and regularisation of a {@link ProgressiveSummarizer}: what the reference reads from its config.
 *
 * @param dModel feature width (1024 for GoogLeNet pool5 features)
 * @param heads attention heads ({@code nhead_vid})
 * @param ffn hidden width of each encoder layer's feed-forward network ({@code nhid_vid})
 * @param layers encoder layers ({@code nlayers_vid})
 * @param stages progressive stages, one score head each ({@code iter})
 * @param posEncWeight factor on the sinusoidal table ({@code pos_enc_weight})
 * @param dropout dropout of the positional encoding and inside the encoder ({@code dropout_vid})
 * @param dropoutPredictor dropout in front of every score head ({@code dropout_predictor})
 */
public record SummarizerSpec(
        int dModel, int heads, int ffn, int layers, int stages, float posEncWeight, float dropout,
        float dropoutPredictor) {

    /** Longest input, class token included, that the positional table covers (as in the reference). */
    public static final int MAX_LENGTH = 5000;

    /** Features of the eccv16 files are GoogLeNet pool5 vectors. */
    public static final int FEATURE_WIDTH = 1024;

    public SummarizerSpec {
        if (dModel <= 0 || heads <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be a positive multiple of heads " + heads);
        }
        if (dModel % 2 != 0) {
            throw new IllegalArgumentException("dModel must be even for the sin/cos table: " + dModel);
        }
        if (ffn <= 0 || layers <= 0 || stages <= 0) {
            throw new IllegalArgumentException("ffn, layers and stages must be positive");
        }
        checkRate("dropout", dropout);
        checkRate("dropoutPredictor", dropoutPredictor);
    }

    /** The reference's score-head dropout: its model hard-codes 0.1 whatever {@code dropout_predictor} says. */
    public static final float REFERENCE_HEAD_DROPOUT = 0.1f;

    /**
     * The one factory from a run config to a model, at feature width {@code dModel}: what {@code run} trains and
     * what a checkpoint's stored config rebuilds. The score heads' dropout is {@link #REFERENCE_HEAD_DROPOUT}, as
     * the reference builds them, NOT {@code dropout_predictor} (the reference reads that key nowhere; it differs
     * from 0.1 only in {@code ts_a} (0.3) and {@code ts_t} (0.5)) — unless the config opts in with
     * {@code use_dropout_predictor: true} ({@link RunConfig#useDropoutPredictor()}), a non-default departure from
     * the reference.
     *
     * @throws IllegalArgumentException when the config does not describe a usable model at this width
     */
    public static SummarizerSpec of(int dModel, RunConfig config) {
        float headDropout = config.useDropoutPredictor() ? (float) config.dropoutPredictor() : REFERENCE_HEAD_DROPOUT;
        return new SummarizerSpec(dModel, config.nheadVid(), config.nhidVid(), config.nlayersVid(), config.iter(),
                (float) config.posEncWeight(), (float) config.dropoutVid(), headDropout);
    }

    public SummarizerSpec withHeadDropout(float rate) {
        return new SummarizerSpec(dModel, heads, ffn, layers, stages, posEncWeight, dropout, rate);
    }

    /** The paper's canonical TVSum model: d 1024, 8 heads, FFN 4096, 3 layers, 4 stages. */
    public static SummarizerSpec canonical() {
        return new SummarizerSpec(FEATURE_WIDTH, 8, 4096, 3, 4, 0.1f, 0.1f, 0.1f);
    }

    public SummarizerSpec withStages(int newStages) {
        return new SummarizerSpec(dModel, heads, ffn, layers, newStages, posEncWeight, dropout, dropoutPredictor);
    }

    private static void checkRate(String name, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + rate);
        }
    }
}
