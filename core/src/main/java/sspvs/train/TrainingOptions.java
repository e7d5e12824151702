package sspvs.train;

import java.util.List;
import sspvs.config.RunConfig;

/**
 * The optimisation settings of a run (a subset of {@link RunConfig}) plus our own output switch.
 *
 * @param quiet no progress bar
 */
public record TrainingOptions(
        int maxEpochs, int batchSize, int maxVideo, int setMultiply, double lr, List<Integer> milestones,
        double gamma, long seed, boolean quiet) {

    public TrainingOptions {
        milestones = List.copyOf(milestones);
        if (maxEpochs < 0 || batchSize < 1 || maxVideo < 1 || setMultiply < 1 || !(lr > 0)) {
            throw new IllegalArgumentException("invalid training options: " + maxEpochs + " epochs, batch "
                    + batchSize + ", max_video " + maxVideo + ", set_multiply " + setMultiply + ", lr " + lr);
        }
    }

    public static TrainingOptions of(RunConfig config, boolean quiet) {
        return new TrainingOptions(config.maxEpochs(), config.batchSizeTrain(), config.maxVideo(),
                config.setMultiply(), config.lr(), config.milestones(), config.gamma(), config.seed(), quiet);
    }

    public MultiStepSchedule schedule() {
        return new MultiStepSchedule(lr, milestones, gamma);
    }
}
