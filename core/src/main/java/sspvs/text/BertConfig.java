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

    /**
     * The sizes of the BERT whose weights a state dict holds (names without any Lightning prefix:
     * {@code bert_embeddings.word_embeddings.weight}, {@code bert_encoder.layer.N.*}), or null when it holds none.
     * Width, vocabulary, positions, token types, layer count and FFN width are read from the shapes. The number of
     * attention heads is not stored in any weight: 16 for width 1024 (bert-large), else 12 (bert-base: 768 = 12 x
     * 64; all-MiniLM-L6-v2: 384 = 12 x 32); a width that 12 does not divide is an error.
     *
     * @throws IllegalArgumentException when the BERT tensors are incomplete or the width fits no head count
     */
    public static BertConfig inferFrom(java.util.Map<String, long[]> shapes) {
        long[] words = shapes.get("bert_embeddings.word_embeddings.weight");
        if (words == null) {
            return null;
        }
        long[] positions = shapes.get("bert_embeddings.position_embeddings.weight");
        long[] types = shapes.get("bert_embeddings.token_type_embeddings.weight");
        long[] ffn = shapes.get("bert_encoder.layer.0.intermediate.dense.weight");
        if (words.length != 2 || positions == null || types == null || ffn == null) {
            throw new IllegalArgumentException("the BERT weights are incomplete (need word, position and token-type "
                    + "embeddings and bert_encoder.layer.0.intermediate.dense.weight)");
        }
        int layers = 0;
        while (shapes.containsKey("bert_encoder.layer." + layers + ".intermediate.dense.weight")) {
            layers++;
        }
        int hidden = Math.toIntExact(words[1]);
        int heads = hidden == 1024 ? 16 : 12;
        if (hidden % heads != 0) {
            throw new IllegalArgumentException("BERT width " + hidden + " is not a multiple of " + heads
                    + " heads (the head count is not stored in the weights)");
        }
        BertConfig base = bertBase();
        return new BertConfig(hidden, layers, heads, Math.toIntExact(ffn[0]), Math.toIntExact(words[0]),
                Math.toIntExact(positions[0]), Math.toIntExact(types[0]), base.layerNormEps(), base.hiddenDropout(),
                base.attentionDropout(), base.initializerRange());
    }
}
