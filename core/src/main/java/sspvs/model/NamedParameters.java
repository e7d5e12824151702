package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainable tensors of a model, keyed by their torch state_dict names, in torch's registration order. All live
 * in one manager; each requires a gradient.
 *
 * <p>Convention that keeps native memory bounded: an operation's result belongs to the manager of its FIRST
 * operand, so forward code always puts the activation (owned by the caller's per-step manager) first and moves
 * anything derived from parameters alone to that manager with {@code attach}.
 */
public final class NamedParameters {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();

    NamedParameters(NDManager manager) {
        this.manager = manager;
    }

    /** Creates and registers a trainable tensor. */
    NDArray add(String name, Shape shape, float[] values) {
        if (arrays.containsKey(name)) {
            throw new IllegalStateException("parameter registered twice: " + name);
        }
        NDArray array = manager.create(values, shape);
        array.setName(name);
        array.setRequiresGradient(true);
        arrays.put(name, array);
        return array;
    }

    /** Name -> tensor, in registration order (read-only view). */
    public Map<String, NDArray> arrays() {
        return Collections.unmodifiableMap(arrays);
    }

    public NDManager manager() {
        return manager;
    }
}
