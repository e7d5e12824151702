package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;

/**
 * Public access to the summarizer's torch-equivalent building blocks ({@link EncoderLayer}, {@code nn.Linear},
 * {@code nn.Embedding}, the positional table) for models in other packages — the self-supervised model in
 * {@code sspvs.model.ssl} — so that both use one implementation, one initialisation and one naming scheme, and
 * weights move between them by name.
 *
 * <p>Holds one {@link NamedParameters} (every part created here registers its tensors there, under the torch name
 * given) and one seeded stream of torch-style initial values. Parameters live in the manager given at
 * construction; the caller closes it.
 */
public final class ModelParts {
    private final NamedParameters params;
    private final TorchInit init;

    /** A part that maps an activation to an activation (owned by the activation's manager). */
    @FunctionalInterface
    public interface Layer {
        NDArray forward(NDArray x, boolean training);
    }

    public ModelParts(NDManager manager, long seed) {
        this.params = new NamedParameters(manager);
        this.init = new TorchInit(seed);
    }

    /** A seed for a sub-stream: layers built from equal seeds start equal (torch's cloned encoder layers). */
    public long nextSeed() {
        return init.nextSeed();
    }

    /**
     * One {@code torch.nn.TransformerEncoderLayer} (post-norm, ReLU) of {@code spec}'s width, heads, FFN and
     * dropout, parameters named {@code <prefix>.self_attn.*}, {@code .linear1}, {@code .linear2}, {@code .norm1},
     * {@code .norm2}, initialised from {@code layerSeed}.
     */
    public Layer encoderLayer(String prefix, SummarizerSpec spec, long layerSeed) {
        EncoderLayer layer = new EncoderLayer(params, prefix, spec, new TorchInit(layerSeed));
        return layer::forward;
    }

    /** {@code nn.Linear(in, out)} named {@code <prefix>.weight} [out, in] and {@code <prefix>.bias} [out]. */
    public Layer linear(String prefix, int in, int out) {
        TorchLinear linear = new TorchLinear(params, prefix, in, out, init);
        return (x, training) -> linear.forward(x);
    }

    /** {@code nn.Embedding(rows, width)}: a [rows, width] tensor named {@code name}, N(0, 1) at start. */
    public NDArray embedding(String name, int rows, int width) {
        return params.add(name, new Shape(rows, width), init.standardNormal(rows * width));
    }

    /** x [B, L, d] plus the positional table's first L rows (× its weight). */
    public static NDArray addPositions(PositionalEncoding positions, NDArray x) {
        return positions.addTo(x);
    }

    /** Every tensor created so far, by torch name, in creation order. */
    public Map<String, NDArray> parameters() {
        return params.arrays();
    }
}
