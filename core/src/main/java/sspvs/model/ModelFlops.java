package sspvs.model;

/**
 * Floating-point operations of the summarizer's matrix products (a multiply-add counts 2), for reporting achieved
 * FLOP rates. Element-wise work (softmax, norms, activations) is left out: it is a few percent at d 1024.
 */
public final class ModelFlops {
    private ModelFlops() {}

    /** One forward pass over a batch of {@code batch} videos of {@code steps} steps (class token added inside). */
    public static double forward(SummarizerSpec spec, int batch, int steps) {
        double d = spec.dModel();
        double l = steps + 1.0;
        double perLayer = 2 * l * d * 3 * d // packed q, k, v projection
                + 2 * l * l * d // q·k over all heads
                + 2 * l * l * d // weights·v
                + 2 * l * d * d // output projection
                + 2 * 2 * l * d * spec.ffn(); // the two feed-forward products
        double perStage = spec.layers() * perLayer + 2 * steps * d; // + score head
        return batch * spec.stages() * perStage;
    }

    /** A training step: forward plus backward, the backward taken as twice the forward (two products per one). */
    public static double trainingStep(SummarizerSpec spec, int batch, int steps) {
        return 3 * forward(spec, batch, steps);
    }
}
