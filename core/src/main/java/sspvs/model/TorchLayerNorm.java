package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** {@code torch.nn.LayerNorm(d)} over the last axis, eps 1e-5, weight 1 and bias 0 at start. */
final class TorchLayerNorm {
    private static final float EPS = 1e-5f;
    private final NDArray weight;
    private final NDArray bias;
    private final Shape normalized;

    TorchLayerNorm(NamedParameters params, String prefix, int d) {
        this.weight = params.add(prefix + ".weight", new Shape(d), TorchInit.constant(d, 1f));
        this.bias = params.add(prefix + ".bias", new Shape(d), TorchInit.constant(d, 0f));
        this.normalized = new Shape(d);
    }

    NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, normalized, weight, bias, EPS).singletonOrThrow();
    }
}
