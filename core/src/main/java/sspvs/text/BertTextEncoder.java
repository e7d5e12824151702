package sspvs.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import sspvs.tensor.InPlaceCopy;

/**
 * A trainable BERT text encoder (HuggingFace {@code BertModel}: embeddings, post-norm encoder
 * layers, pooler = tanh(Linear(first token))) built from DJL blocks, whose parameters carry the
 * torch names of the reference's checkpoint: {@code bert_embeddings.*}, {@code bert_encoder.layer.N.*},
 * {@code bert_pooler.dense.*}.
 *
 * <p>Life-cycle: construct with a {@link BertConfig}; {@link #initialize} with an input shape
 * {@code [B, T]} (ids); {@link #resetParameters} (torch BERT's initialisation under a seed); then
 * {@link #loadParameters} from a checkpoint or {@link OnnxBertWeights}; choose what learns with
 * {@link #setTraining}. {@link #pretrainedMiniLm} does all of that for all-MiniLM-L6-v2.
 *
 * <p>Forward: input {@code (ids [B, T])} or {@code (ids, attentionMask [B, T])} (1 = attend,
 * 0 = padding; the reference attends to every position, padding included, which is what omitting the
 * mask gives). Token types are always 0. Output {@code (sequence [B, T, H], pooled [B, H])}.
 */
public final class BertTextEncoder extends AbstractBlock {
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();
    private final Linear pooler;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private TextTraining training = TextTraining.ALL;

    public BertTextEncoder(BertConfig config) {
        this.config = config;
        embeddings = addChildBlock("bert_embeddings", new BertEmbeddings(config));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("bert_encoder.layer." + i, new BertLayer(config)));
        }
        pooler = addChildBlock("bert_pooler.dense", Linear.builder().setUnits(config.hidden()).build());
        nameParameters();
    }

    /** all-MiniLM-L6-v2 from the langchain4j jar, pooler initialised under {@code seed}, everything learning. */
    public static BertTextEncoder pretrainedMiniLm(NDManager manager, long seed) {
        BertTextEncoder encoder = new BertTextEncoder(BertConfig.miniLmL6());
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
        Set<String> fresh = encoder.loadParameters(OnnxBertWeights.loadBundledMiniLm());
        encoder.resetParameters(seed, fresh);
        return encoder;
    }

    private void nameParameters() {
        String e = "bert_embeddings.";
        put(e + "word_embeddings.weight", embeddings.words.weight());
        put(e + "position_embeddings.weight", embeddings.positions.weight());
        put(e + "token_type_embeddings.weight", embeddings.tokenTypes.weight());
        putNorm(e + "LayerNorm", embeddings.norm);
        for (int i = 0; i < layers.size(); i++) {
            BertLayer l = layers.get(i);
            String p = "bert_encoder.layer." + i + ".";
            putLinear(p + "attention.self.query", l.query);
            putLinear(p + "attention.self.key", l.key);
            putLinear(p + "attention.self.value", l.value);
            putLinear(p + "attention.output.dense", l.attentionOutput);
            putNorm(p + "attention.output.LayerNorm", l.attentionNorm);
            putLinear(p + "intermediate.dense", l.intermediate);
            putLinear(p + "output.dense", l.output);
            putNorm(p + "output.LayerNorm", l.outputNorm);
        }
        putLinear("bert_pooler.dense", pooler);
    }

    private void put(String name, Parameter p) {
        byName.put(name, p);
    }

    private void putLinear(String prefix, Linear linear) {
        put(prefix + ".weight", linear.getDirectParameters().get("weight"));
        put(prefix + ".bias", linear.getDirectParameters().get("bias"));
    }

    private void putNorm(String prefix, LayerNorm norm) {
        put(prefix + ".weight", norm.getDirectParameters().get("gamma"));
        put(prefix + ".bias", norm.getDirectParameters().get("beta"));
    }

    public BertConfig config() {
        return config;
    }

    /** Every parameter's torch name and torch shape (Linear weights [out, in]), in checkpoint order. */
    public Map<String, Shape> parameterShapes() {
        int h = config.hidden();
        int ff = config.intermediate();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        String e = "bert_embeddings.";
        shapes.put(e + "word_embeddings.weight", new Shape(config.vocab(), h));
        shapes.put(e + "position_embeddings.weight", new Shape(config.maxPositions(), h));
        shapes.put(e + "token_type_embeddings.weight", new Shape(config.typeVocab(), h));
        shapes.put(e + "LayerNorm.weight", new Shape(h));
        shapes.put(e + "LayerNorm.bias", new Shape(h));
        for (int i = 0; i < config.layers(); i++) {
            String p = "bert_encoder.layer." + i + ".";
            for (String m : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                shapes.put(p + m + ".weight", new Shape(h, h));
                shapes.put(p + m + ".bias", new Shape(h));
            }
            shapes.put(p + "attention.output.LayerNorm.weight", new Shape(h));
            shapes.put(p + "attention.output.LayerNorm.bias", new Shape(h));
            shapes.put(p + "intermediate.dense.weight", new Shape(ff, h));
            shapes.put(p + "intermediate.dense.bias", new Shape(ff));
            shapes.put(p + "output.dense.weight", new Shape(h, ff));
            shapes.put(p + "output.dense.bias", new Shape(h));
            shapes.put(p + "output.LayerNorm.weight", new Shape(h));
            shapes.put(p + "output.LayerNorm.bias", new Shape(h));
        }
        shapes.put("bert_pooler.dense.weight", new Shape(h, h));
        shapes.put("bert_pooler.dense.bias", new Shape(h));
        return shapes;
    }

    /** The DJL parameter behind each torch name (after {@link #initialize}, each has its array). */
    public Map<String, Parameter> namedParameters() {
        return Collections.unmodifiableMap(byName);
    }

    /**
     * Copies weights (row-major, torch layout) into the named parameters; the encoder must be
     * initialised. Unknown names or wrong sizes are rejected before anything is copied.
     *
     * @return the names that were not in {@code values} and so keep their current values
     */
    public Set<String> loadParameters(Map<String, float[]> values) {
        Map<String, Shape> shapes = parameterShapes();
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            Shape shape = shapes.get(entry.getKey());
            if (shape == null) {
                throw new IllegalArgumentException("no text-encoder parameter named " + entry.getKey());
            }
            if (shape.size() != entry.getValue().length) {
                throw new IllegalArgumentException(entry.getKey() + ": " + entry.getValue().length
                        + " values given, shape " + shape + " needs " + shape.size());
            }
        }
        Set<String> missing = new LinkedHashSet<>(byName.keySet());
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            copyInto(entry.getKey(), entry.getValue());
            missing.remove(entry.getKey());
        }
        return missing;
    }

    /** {@link #loadParameters(Map)} that also checks every shape (catches [in, out] vs [out, in]). */
    public Set<String> loadParameters(OnnxBertWeights weights) {
        Map<String, Shape> expected = parameterShapes();
        weights.shapes().forEach((name, shape) -> {
            if (expected.containsKey(name) && !expected.get(name).equals(shape)) {
                throw new IllegalArgumentException(name + ": shape " + shape + " in the ONNX file, the encoder needs "
                        + expected.get(name));
            }
        });
        return loadParameters(weights.values());
    }

    /** Every weight's current values, by torch name (for checkpoints and tests). */
    public Map<String, float[]> parameterValues() {
        Map<String, float[]> values = new LinkedHashMap<>();
        byName.forEach((name, p) -> values.put(name, p.getArray().toFloatArray()));
        return values;
    }

    /** torch BERT's initialisation of every parameter, deterministic under {@code seed}. */
    public void resetParameters(long seed) {
        resetParameters(seed, byName.keySet());
    }

    /**
     * torch BERT's initialisation (weights N(0, initializerRange), biases 0, LayerNorm 1 and 0) of
     * the named parameters. Each parameter draws from its own generator (seed and name), so a
     * parameter's values do not depend on which others are reset.
     */
    public void resetParameters(long seed, Collection<String> names) {
        Map<String, Shape> shapes = parameterShapes();
        for (String name : names) {
            Shape shape = shapes.get(name);
            if (shape == null) {
                throw new IllegalArgumentException("no text-encoder parameter named " + name);
            }
            float[] values = new float[Math.toIntExact(shape.size())];
            if (name.endsWith("LayerNorm.weight")) {
                java.util.Arrays.fill(values, 1f);
            } else if (!name.endsWith(".bias")) {
                Random random = new Random(seed * 1_000_003L + name.hashCode());
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * config.initializerRange());
                }
            }
            copyInto(name, values);
        }
    }

    private void copyInto(String name, float[] values) {
        Parameter p = byName.get(name);
        if (!p.isInitialized()) {
            throw new IllegalStateException("initialize the text encoder before loading " + name);
        }
        NDArray array = p.getArray();
        InPlaceCopy.into(array, values);
        array.setRequiresGradient(p.requiresGradient());
    }

    /** Chooses which parameters learn (see {@link TextTraining}); frozen ones get no gradient. */
    public void setTraining(TextTraining policy) {
        this.training = policy;
        byName.forEach((name, p) -> {
            boolean learns = name.startsWith("bert_pooler.") ? policy.poolerLearns() : policy.encoderLearns();
            p.freeze(!learns);
        });
    }

    public TextTraining training() {
        return training;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray bias = null;
        if (inputs.size() > 1) { // 1 = attend, 0 = padding -> additive bias [B, 1, 1, T]
            NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false);
            bias = mask.neg().add(1f).mul(-10000f).expandDims(1).expandDims(1);
        }
        // step 1: embeddings [B, T, H]
        NDArray x = embeddings.forward(ps, new NDList(ids), training).singletonOrThrow();
        // step 2: the encoder layers
        for (BertLayer layer : layers) {
            NDList in = bias == null ? new NDList(x) : new NDList(x, bias);
            x = layer.forward(ps, in, training).singletonOrThrow();
        }
        // step 3: pooler = tanh(Linear(first token))
        NDArray first = x.get(":, 0, :");
        NDArray pooled = pooler.forward(ps, new NDList(first), training).singletonOrThrow().tanh();
        return new NDList(x, pooled);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {ids.add(config.hidden()), new Shape(ids.get(0), config.hidden())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embeddings.initialize(manager, dataType, ids);
        Shape hidden = ids.add(config.hidden());
        for (Block layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
        pooler.initialize(manager, dataType, new Shape(ids.get(0), config.hidden()));
    }
}
