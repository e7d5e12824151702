package sspvs.train;

import java.util.List;

/**
 * {@code torch.optim.lr_scheduler.MultiStepLR} stepped once per epoch: the rate for epoch e (0-based) is
 * {@code lr · gamma^k}, k = how many milestones are ≤ e (a repeated milestone counts each time, as in torch).
 */
public record MultiStepSchedule(double lr, List<Integer> milestones, double gamma) {

    public MultiStepSchedule {
        milestones = List.copyOf(milestones);
    }

    public double rateAt(int epoch) {
        int passed = 0;
        for (int m : milestones) {
            if (m <= epoch) {
                passed++;
            }
        }
        return lr * Math.pow(gamma, passed);
    }
}
