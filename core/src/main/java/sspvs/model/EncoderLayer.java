package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * One {@code torch.nn.TransformerEncoderLayer} (post-norm, ReLU): {@code x = norm1(x + drop(attn(x)))}, then
 * {@code x = norm2(x + drop(linear2(drop(relu(linear1(x))))))}. Parameter names under {@code <prefix>}:
 * {@code self_attn.*}, {@code linear1}, {@code linear2}, {@code norm1}, {@code norm2}.
 *
 * <p>Not DJL's {@code TransformerEncoderBlock}, which normalises with BatchNorm and adds the block input in its
 * second residual.
 */
final class EncoderLayer {
    private final SelfAttention selfAttn;
    private final TorchLinear linear1;
    private final TorchLinear linear2;
    private final TorchLayerNorm norm1;
    private final TorchLayerNorm norm2;
    private final float dropout;

    EncoderLayer(NamedParameters params, String prefix, SummarizerSpec spec, TorchInit init) {
        int d = spec.dModel();
        this.dropout = spec.dropout();
        // registration order = torch's named_parameters order
        this.selfAttn = new SelfAttention(params, prefix + ".self_attn", d, spec.heads(), dropout, init);
        this.linear1 = new TorchLinear(params, prefix + ".linear1", d, spec.ffn(), init);
        this.linear2 = new TorchLinear(params, prefix + ".linear2", spec.ffn(), d, init);
        this.norm1 = new TorchLayerNorm(params, prefix + ".norm1", d);
        this.norm2 = new TorchLayerNorm(params, prefix + ".norm2", d);
    }

    /** x [B, L, d] -> [B, L, d]. */
    NDArray forward(NDArray x, boolean training) {
        // each temporary is closed after its last use (autograd keeps what backward needs): see SelfAttention
        NDArray attention = selfAttn.forward(x, training);
        NDArray attended = drop(attention, training);
        NDArray sum1 = x.add(attended);
        NDArray normed = norm1.forward(sum1);
        closeReplaced(attention, attended);
        SelfAttention.closeAll(attended, sum1);
        NDArray projected = linear1.forward(normed);
        NDArray activated = Activation.relu(projected);
        NDArray hidden = drop(activated, training);
        closeReplaced(activated, hidden);
        NDArray ffn = linear2.forward(hidden);
        NDArray ffnOut = drop(ffn, training);
        closeReplaced(ffn, ffnOut);
        NDArray sum2 = normed.add(ffnOut);
        NDArray out = norm2.forward(sum2);
        SelfAttention.closeAll(projected, hidden, ffnOut, sum2, normed);
        return out;
    }

    /** Closes {@code before} when dropout made a new array of it (without dropout they are one array, still used). */
    private static void closeReplaced(NDArray before, NDArray after) {
        if (after != before) {
            before.close();
        }
    }

    private NDArray drop(NDArray x, boolean training) {
        return training && dropout > 0 ? TrainingDropout.apply(x, dropout) : x;
    }
}
