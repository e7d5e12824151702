package sspvs.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import sspvs.tensor.Scalars;

/**
 * One post-norm BERT layer: multi-head self-attention, then a GELU (erf form) feed-forward block,
 * each followed by dropout, a residual add and LayerNorm.
 *
 * <p>Input: hidden states {@code [B, T, H]} and, optionally, an additive attention bias
 * {@code [B, 1, 1, T]} (0 for kept tokens, -10000 for masked ones). Output {@code [B, T, H]}.
 */
final class BertLayer extends AbstractBlock {
    final Linear query;
    final Linear key;
    final Linear value;
    final Linear attentionOutput;
    final LayerNorm attentionNorm;
    final Linear intermediate;
    final Linear output;
    final LayerNorm outputNorm;
    private final BertConfig config;

    BertLayer(BertConfig config) {
        this.config = config;
        int h = config.hidden();
        query = addChildBlock("attention.self.query", linear(h));
        key = addChildBlock("attention.self.key", linear(h));
        value = addChildBlock("attention.self.value", linear(h));
        attentionOutput = addChildBlock("attention.output.dense", linear(h));
        attentionNorm = addChildBlock("attention.output.LayerNorm", layerNorm(config));
        intermediate = addChildBlock("intermediate.dense", linear(config.intermediate()));
        output = addChildBlock("output.dense", linear(h));
        outputNorm = addChildBlock("output.LayerNorm", layerNorm(config));
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static LayerNorm layerNorm(BertConfig config) {
        return LayerNorm.builder().axis(2).optEpsilon(config.layerNormEps()).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray attentionBias = inputs.size() > 1 ? inputs.get(1) : null;
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int heads = config.heads();
        int headSize = config.headSize();

        // step 1: project to per-head queries, keys, values [B, heads, T, headSize]
        NDArray q = splitHeads(apply(query, ps, x, training), b, t);
        NDArray k = splitHeads(apply(key, ps, x, training), b, t);
        NDArray v = splitHeads(apply(value, ps, x, training), b, t);
        // step 2: scaled dot-product attention probabilities [B, heads, T, T]
        NDArray scores = Scalars.div(q.matMul(k.transpose(0, 1, 3, 2)), (float) Math.sqrt(headSize));
        if (attentionBias != null) {
            scores = scores.add(attentionBias);
        }
        NDArray probs = Dropout.dropout(scores.softmax(-1), config.attentionDropout(), training).singletonOrThrow();
        // step 3: weighted values, heads merged back to [B, T, H]
        NDArray context = probs.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headSize);
        // step 4: output projection, dropout, residual, LayerNorm
        NDArray attended = apply(attentionOutput, ps, context, training);
        attended = Dropout.dropout(attended, config.hiddenDropout(), training).singletonOrThrow();
        attended = apply(attentionNorm, ps, attended.add(x), training);
        // step 5: GELU feed-forward, dropout, residual, LayerNorm
        NDArray ff = Activation.gelu(apply(intermediate, ps, attended, training));
        ff = Dropout.dropout(apply(output, ps, ff, training), config.hiddenDropout(), training).singletonOrThrow();
        return new NDList(apply(outputNorm, ps, ff.add(attended), training));
    }

    private NDArray splitHeads(NDArray projected, long b, long t) {
        return projected.reshape(b, t, config.heads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    private static NDArray apply(AbstractBlock block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = inputShapes[0];
        for (Linear l : new Linear[] {query, key, value, attentionOutput, intermediate}) {
            l.initialize(manager, dataType, hidden);
        }
        attentionNorm.initialize(manager, dataType, hidden);
        output.initialize(manager, dataType, new Shape(hidden.get(0), hidden.get(1), config.intermediate()));
        outputNorm.initialize(manager, dataType, hidden);
    }
}
