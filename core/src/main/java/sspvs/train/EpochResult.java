package sspvs.train;

import java.util.List;

/**
 * What one training epoch did.
 *
 * @param epoch 0-based epoch index
 * @param learningRate the rate used throughout the epoch
 * @param batchLosses the loss of every batch, in order
 * @param seconds wall time of the epoch's training steps
 */
public record EpochResult(int epoch, double learningRate, List<Float> batchLosses, double seconds) {

    public EpochResult {
        batchLosses = List.copyOf(batchLosses);
    }

    /** Mean of the batch losses (unweighted by batch size, as Lightning's epoch mean). */
    public double meanLoss() {
        return batchLosses.stream().mapToDouble(Float::doubleValue).average().orElse(Double.NaN);
    }
}
