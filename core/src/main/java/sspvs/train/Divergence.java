package sspvs.train;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import java.util.Map;
import sspvs.UserException;

/**
 * Stops a training that has diverged where it happens, naming the epoch and batch: a NaN loss, or NaN/Inf in a weight
 * after an epoch. Left alone, the NaN flows on into evaluation, which then fails on a test video far from the cause
 * (or, in pre-training, into a checkpoint of NaN tensors).
 */
final class Divergence {
    private Divergence() {}

    /** A non-finite loss of batch {@code batch} (0-based) of epoch {@code epoch} (0-based) stops training. */
    static void requireFiniteLoss(float loss, int epoch, int batch, int batches, double learningRate) {
        if (!Float.isFinite(loss)) {
            throw new UserException(String.format(Locale.ROOT, "training diverged: the loss of epoch %d, batch %d "
                    + "of %d is %s (learning rate %.3g); lower lr, or check the data's features and scores",
                    epoch + 1, batch + 1, batches, loss, learningRate));
        }
    }

    /** NaN or Inf in any weight after epoch {@code epoch} (0-based) stops training, naming the first tensor. */
    static void requireFiniteWeights(Map<String, NDArray> parameters, int epoch, double learningRate) {
        // scanned on the Java side, one tensor at a time: no native temporaries beside the weights
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            for (float v : e.getValue().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    throw new UserException(String.format(Locale.ROOT, "training diverged: after epoch %d weight %s "
                            + "holds %s (learning rate %.3g); lower lr, or check the data's features and scores",
                            epoch + 1, e.getKey(), v, learningRate));
                }
            }
        }
    }
}
