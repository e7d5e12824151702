package sspvs.text;

/**
 * Sizes of a BERT text encoder (post-norm Transformer layers, GELU FFN), as in HuggingFace's
 * {@code BertConfig}.
 *
 * @param hidden hidden size (width of every token vector)
 * @param layers number of Transformer layers
 * @param heads attention heads per layer ({@code hidden} must divide by it)
 * @param intermediate width of each layer's feed-forward block
 * @param vocab vocabulary size (word-embedding rows)
 * @param maxPositions longest input in tokens (position-embedding rows)
 * @param typeVocab token-type embedding rows
 * @param layerNormEps LayerNorm epsilon
 * @param hiddenDropout dropout after embeddings and after each sub-layer
 * @param attentionDropout dropout on the attention probabilities
 * @param initializerRange std of the normal initialisation of weights that are not loaded
 */
public record BertConfig(
        int hidden,
        int layers,
        int heads,
        int intermediate,
        int vocab,
        int maxPositions,
        int typeVocab,
        float layerNormEps,
        float hiddenDropout,
        float attentionDropout,
        float initializerRange) {

    public BertConfig {
        if (hidden <= 0 || layers <= 0 || heads <= 0 || intermediate <= 0 || vocab <= 0
                || maxPositions <= 0 || typeVocab <= 0) {
            throw new IllegalArgumentException("BERT sizes must be positive: " + this);
        }
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " is not a multiple of heads " + heads);
        }
    }

    /** all-MiniLM-L6-v2 (sentence-transformers): 384 wide, 6 layers, 12 heads, FFN 1536. */
    public static BertConfig miniLmL6() {
        return new BertConfig(384, 6, 12, 1536, 30522, 512, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
    }

    /** bert-base-uncased, the reference's text encoder: 768 wide, 12 layers, 12 heads, FFN 3072. */
    public static BertConfig bertBase() {
        return new BertConfig(768, 12, 12, 3072, 30522, 512, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
    }

    /** Width of one attention head. */
    public int headSize() {
        return hidden / heads;
    }

    /** The same sizes with another layer count (small encoders for tests). */
    public BertConfig withLayers(int n) {
        return new BertConfig(hidden, n, heads, intermediate, vocab, maxPositions, typeVocab, layerNormEps,
                hiddenDropout, attentionDropout, initializerRange);
    }
}
