package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import sspvs.tensor.Scalars;

/**
 * {@code torch.nn.MultiheadAttention} used as self-attention with no mask: one packed input projection
 * ({@code in_proj_weight} [3d, d], xavier-uniform; {@code in_proj_bias} zero), scaled dot products per head,
 * softmax, dropout on the attention weights, then {@code out_proj} (Linear init, zero bias).
 *
 * <p>No key-padding mask, as in the reference: zero-padded steps are attended like any other.
 */
final class SelfAttention {
    private final int heads;
    private final float dropout;
    private final NDArray inProjWeight;
    private final NDArray inProjBias;
    private final TorchLinear outProj;

    SelfAttention(NamedParameters params, String prefix, int d, int heads, float dropout, TorchInit init) {
        this.heads = heads;
        this.dropout = dropout;
        this.inProjWeight = params.add(prefix + ".in_proj_weight", new Shape(3L * d, d), init.xavierUniform(3 * d, d));
        this.inProjBias = params.add(prefix + ".in_proj_bias", new Shape(3L * d), TorchInit.constant(3 * d, 0f));
        // out_proj keeps nn.Linear's kaiming weight, but MultiheadAttention zeroes its bias
        float[] outWeight = init.linearWeight(d, d);
        init.linearBias(d, d); // drawn and overwritten in torch too; keeps the draw sequence layer-independent
        this.outProj = new TorchLinear(params, prefix + ".out_proj", d, d, outWeight, TorchInit.constant(d, 0f));
    }

    /** x [B, L, d] -> [B, L, d]. */
    NDArray forward(NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        long d = x.getShape().get(2);
        long headDim = d / heads;
        // 1. packed projection, split into queries, keys, values: each [B, L, d]
        NDArray packed = Linear.linear(x, inProjWeight, inProjBias).singletonOrThrow();
        NDList qkv = packed.split(3, 2);
        // 2. heads apart: [B, h, L, d/h]; queries scaled by 1/sqrt(d/h) before the product, as torch does
        NDArray q = Scalars.div(toHeads(qkv.get(0), batch, length, headDim), (float) Math.sqrt(headDim));
        NDArray k = toHeads(qkv.get(1), batch, length, headDim);
        NDArray v = toHeads(qkv.get(2), batch, length, headDim);
        // 3. attention weights [B, h, L, L], dropout on them in training
        // Temporaries are closed once used: DJL would hold every one until the step's manager closes, while autograd
        // keeps its own reference to what backward needs (closing a handle never frees a saved tensor)
        NDArray keysT = k.transpose(0, 1, 3, 2);
        NDArray logits = q.matMul(keysT);
        NDArray weights = logits.softmax(-1);
        closeAll(keysT, logits, k, q);
        if (training && dropout > 0) {
            NDArray kept = TrainingDropout.apply(weights, dropout);
            weights.close();
            weights = kept;
        }
        // 4. weighted values, heads back together, output projection
        NDArray mixed = weights.matMul(v);
        NDArray heads = mixed.transpose(0, 2, 1, 3);
        NDArray context = heads.reshape(batch, length, d);
        NDArray out = outProj.forward(context);
        closeAll(weights, v, mixed, heads, context);
        qkv.close();
        packed.close();
        return out;
    }

    static void closeAll(NDArray... temporaries) {
        for (NDArray a : temporaries) {
            a.close();
        }
    }

    private NDArray toHeads(NDArray a, long batch, long length, long headDim) {
        return a.reshape(batch, length, heads, headDim).transpose(0, 2, 1, 3);
    }
}
