package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/** {@code torch.nn.Linear}: y = x W^T + b, weight [out, in] named {@code <prefix>.weight}, bias {@code <prefix>.bias}. */
final class TorchLinear {
    private final NDArray weight;
    private final NDArray bias;

    TorchLinear(NamedParameters params, String prefix, int in, int out, TorchInit init) {
        this(params, prefix, in, out, init.linearWeight(out, in), init.linearBias(out, in));
    }

    TorchLinear(NamedParameters params, String prefix, int in, int out, float[] weightValues, float[] biasValues) {
        this.weight = params.add(prefix + ".weight", new Shape(out, in), weightValues);
        this.bias = params.add(prefix + ".bias", new Shape(out), biasValues);
    }

    NDArray forward(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
