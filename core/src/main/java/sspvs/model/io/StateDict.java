package sspvs.model.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ordered map from parameter name ({@code transformer_encoder.layers.0.linear1.weight}) to tensor: what
 * {@code model.state_dict()} returns in PyTorch. Order is kept as stored (and written in that order).
 */
public final class StateDict {
    private final LinkedHashMap<String, TorchTensor> tensors = new LinkedHashMap<>();

    public StateDict() {}

    public StateDict(Map<String, TorchTensor> tensors) {
        tensors.forEach(this::put);
    }

    /** Adds or replaces a tensor; returns this for chaining. */
    public StateDict put(String name, TorchTensor tensor) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty parameter name");
        }
        tensors.put(name, java.util.Objects.requireNonNull(tensor, name));
        return this;
    }

    /** The tensor of that name, or null. */
    public TorchTensor get(String name) {
        return tensors.get(name);
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** The names in stored order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /** A read-only ordered view of all entries. */
    public Map<String, TorchTensor> asMap() {
        return Collections.unmodifiableMap(tensors);
    }

    public int size() {
        return tensors.size();
    }

    /**
     * A copy with every name prefixed, e.g. {@code withPrefix("video_model.")} so that the reference's Lightning
     * module ({@code load_from_checkpoint}) finds our weights under the names it uses. Tensors are shared.
     */
    public StateDict withPrefix(String prefix) {
        StateDict out = new StateDict();
        tensors.forEach((name, t) -> out.put(prefix + name, t));
        return out;
    }

    /** The total number of values over all tensors. */
    public long totalElements() {
        long n = 0;
        for (TorchTensor t : tensors.values()) {
            n += t.numel();
        }
        return n;
    }

    @Override
    public String toString() {
        return "StateDict(" + tensors.size() + " tensors, " + totalElements() + " values)";
    }
}
