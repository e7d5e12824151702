package sspvs.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import sspvs.config.SslConfig;
import sspvs.text.BertConfig;
import sspvs.text.BertTextEncoder;
import sspvs.text.OnnxBertWeights;
import sspvs.text.TextTraining;

/**
 * Which BERT the self-supervised model reads text with, and what of it learns. The reference uses bert-base-uncased
 * (768 wide), whose weights are not available offline; we ship all-MiniLM-L6-v2 (384 wide, same vocabulary), so
 * the text width H of the model's heads follows the encoder chosen here.
 *
 * @param config the encoder's sizes
 * @param pretrained true: take all-MiniLM-L6-v2's weights (the first {@code config.layers()} of its layers) from
 *     the bundled ONNX file, pooler fresh; false: torch BERT initialisation throughout (tests, demos)
 * @param training which parts learn ({@link TextTraining#forSelfSupervised}: everything when
 *     {@code text_trainable}, as in the reference)
 */
public record TextEncoderChoice(BertConfig config, boolean pretrained, TextTraining training) {

    public TextEncoderChoice {
        if (pretrained && (config.hidden() != BertConfig.miniLmL6().hidden()
                || config.layers() > BertConfig.miniLmL6().layers())) {
            throw new IllegalArgumentException("pretrained MiniLM has 384-wide, at most 6 layers: " + config);
        }
    }

    /**
     * The text encoder an SSL config asks for: {@code text_encoder} ({@code minilm-l6} or {@code random}),
     * {@code text_layers} (and {@code text_hidden}, {@code text_heads}, {@code text_ffn} for {@code random});
     * what learns follows {@code text_trainable} as in the reference (everything, or nothing).
     */
    public static TextEncoderChoice of(SslConfig config) {
        TextTraining training = TextTraining.forSelfSupervised(config.textTrainable());
        if (SslConfig.MINILM.equals(config.textEncoder())) {
            return miniLm(config.textLayers(), training);
        }
        BertConfig base = BertConfig.miniLmL6();
        return random(new BertConfig(config.textHidden(), config.textLayers(), config.textHeads(), config.textFfn(),
                base.vocab(), base.maxPositions(), base.typeVocab(), base.layerNormEps(), base.hiddenDropout(),
                base.attentionDropout(), base.initializerRange()), training);
    }

    /** all-MiniLM-L6-v2 cut to its first {@code layers} layers (6 = all). */
    public static TextEncoderChoice miniLm(int layers, TextTraining training) {
        return new TextEncoderChoice(BertConfig.miniLmL6().withLayers(layers), true, training);
    }

    /**
     * The text encoder of a text-guided summarizer (the reference's {@code models/sspvs.py}): all-MiniLM-L6-v2 cut
     * to {@code layers} layers, embeddings and encoder frozen, the pooler learning when {@code textTrainable}.
     */
    public static TextEncoderChoice forSummarizer(int layers, boolean textTrainable) {
        return miniLm(layers, TextTraining.forSummarizer(textTrainable));
    }

    /** A freshly initialised BERT of the given sizes. */
    public static TextEncoderChoice random(BertConfig config, TextTraining training) {
        return new TextEncoderChoice(config, false, training);
    }

    /** Builds and initialises the encoder in {@code manager}; the initialisation of fresh weights follows {@code seed}. */
    public BertTextEncoder build(NDManager manager, long seed) {
        BertTextEncoder encoder = new BertTextEncoder(config);
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
        encoder.resetParameters(seed);
        if (pretrained) {
            Map<String, Shape> wanted = encoder.parameterShapes();
            Map<String, float[]> values = new LinkedHashMap<>();
            OnnxBertWeights.loadBundledMiniLm().values().forEach((name, v) -> {
                if (wanted.containsKey(name)) {
                    values.put(name, v);
                }
            });
            Set<String> fresh = encoder.loadParameters(values);
            if (!fresh.stream().allMatch(n -> n.startsWith("bert_pooler."))) {
                throw new IllegalStateException("MiniLM weights lack " + fresh);
            }
        }
        encoder.setTraining(training);
        return encoder;
    }
}
