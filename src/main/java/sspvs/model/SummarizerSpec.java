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

    /**
     * The model a run config describes. Note: the reference hard-codes the score heads' dropout to 0.1 and ignores
     * {@code dropout_predictor}; we honour the key (it only differs in {@code ts_a}, {@code ts_t}).
     */
    public static SummarizerSpec of(RunConfig config) {
        return new SummarizerSpec(FEATURE_WIDTH, config.nheadVid(), config.nhidVid(), config.nlayersVid(),
                config.iter(), (float) config.posEncWeight(), (float) config.dropoutVid(),
                (float) config.dropoutPredictor());
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
