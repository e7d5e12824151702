package sspvs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.tensor.InPlaceCopy;
import sspvs.model.ParameterTensor;

/**
 * {@code torch.optim.Adam} (no weight decay, no amsgrad), step for step: m ← β1·m + (1−β1)·g,
 * v ← β2·v + (1−β2)·g², p ← p − (lr / (1−β1^t)) · m / (sqrt(v) / sqrt(1−β2^t) + ε).
 *
 * <p>Written out rather than DJL's {@code Adam}, whose update folds the bias corrections into the learning rate and
 * so places ε differently from torch. Also zeroes the gradients after each step (torch's {@code zero_grad}). The
 * learning rate is set from outside each epoch by the schedule.
 */
public final class TorchAdam implements AutoCloseable {
    private final List<String> names;
    private final List<NDArray> parameters;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final NDManager stateManager;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double lr;
    private int step;

    public TorchAdam(Map<String, NDArray> parameters, NDManager manager, double lr) {
        this(parameters, manager, lr, 0.9, 0.999, 1e-8);
    }

    public TorchAdam(Map<String, NDArray> parameters, NDManager manager, double lr, double beta1, double beta2,
            double eps) {
        this.names = List.copyOf(parameters.keySet());
        this.parameters = List.copyOf(parameters.values());
        this.stateManager = manager.newSubManager();
        for (NDArray p : this.parameters) {
            firstMoments.add(stateManager.zeros(p.getShape(), p.getDataType()));
            secondMoments.add(stateManager.zeros(p.getShape(), p.getDataType()));
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    public void setLearningRate(double lr) {
        this.lr = lr;
    }

    public double learningRate() {
        return lr;
    }

    /**
     * The optimiser's state, for resuming: the step count t and both moment tensors per parameter (by the
     * parameter's torch name). The learning rate is not part of it: the schedule sets it each epoch.
     */
    public record State(int step, Map<String, ParameterTensor> firstMoments, Map<String, ParameterTensor> secondMoments) {
        public State {
            firstMoments = Map.copyOf(firstMoments);
            secondMoments = Map.copyOf(secondMoments);
        }
    }

    /** A copy of the current state. */
    public State state() {
        Map<String, ParameterTensor> m = new LinkedHashMap<>();
        Map<String, ParameterTensor> v = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), new ParameterTensor(firstMoments.get(i).getShape().getShape(),
                    firstMoments.get(i).toFloatArray()));
            v.put(names.get(i), new ParameterTensor(secondMoments.get(i).getShape().getShape(),
                    secondMoments.get(i).toFloatArray()));
        }
        return new State(step, m, v);
    }

    /** Replaces the state with {@code saved} (from {@link #state()} of an optimiser over the same parameters). */
    public void restore(State saved) {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            ParameterTensor m = saved.firstMoments().get(name);
            ParameterTensor v = saved.secondMoments().get(name);
            long[] shape = firstMoments.get(i).getShape().getShape();
            if (m == null || v == null || !Arrays.equals(m.shape(), shape) || !Arrays.equals(v.shape(), shape)) {
                throw new IllegalArgumentException("optimiser state lacks or mis-shapes the moments of " + name);
            }
            InPlaceCopy.into(firstMoments.get(i), m.data());
            InPlaceCopy.into(secondMoments.get(i), v.data());
        }
        this.step = saved.step();
    }

    /** Applies one update from the gradients now held by the parameters, then zeroes those gradients. */
    public void step() {
        step++;
        double bias1 = 1 - Math.pow(beta1, step);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        float stepSize = (float) (lr / bias1);
        for (int i = 0; i < parameters.size(); i++) {
            // one scratch scope per tensor: temporaries are freed at once, so the allocator reuses warm memory
            try (NDManager scratch = stateManager.newSubManager()) {
                NDArray p = parameters.get(i);
                NDArray g = p.getGradient();
                g.attach(scratch); // the handle (not the gradient storage) is freed with scratch
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);
                m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
                v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
                // results of m's and v's own ops belong to the optimiser's state manager (alive for the whole fit):
                // move them to scratch, or every step keeps two parameter-sized tensors per parameter
                NDArray denom = inScratch(v.sqrt(), scratch).divi((float) bias2Sqrt).addi((float) eps);
                p.subi(inScratch(m.div(denom), scratch).muli(stepSize));
                g.muli(0f); // torch's zero_grad: DJL accumulates gradients across backward passes
            }
        }
    }

    private static NDArray inScratch(NDArray temporary, NDManager scratch) {
        temporary.attach(scratch);
        return temporary;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
