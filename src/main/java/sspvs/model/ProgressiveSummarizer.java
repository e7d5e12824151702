package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The progressive summarizer: scores every feature step of a video in {@code stages} rounds that share one encoder.
 *
 * <p>Children, with their torch state_dict names (the reference's, minus its {@code video_model.} prefix):
 * <ul>
 *   <li>{@code v_cls.weight} [1, d] — the learnable class token (an embedding of one row, N(0,1) at start);</li>
 *   <li>the sinusoidal {@link PositionalEncoding} × {@code posEncWeight}, then dropout (no parameters);</li>
 *   <li>{@code transformer_encoder.layers.<k>.*} — {@code layers} post-norm {@link EncoderLayer}s, applied in
 *       every stage; like torch's {@code TransformerEncoder} (which deep-copies one layer), all layers start with
 *       equal weights;</li>
 *   <li>{@code score_predict.<i>.1.weight} [1, d], {@code .bias} [1] — stage i's head:
 *       Dropout → Linear(d, 1) → Sigmoid (index 1 because the head is torch Sequential's second entry).</li>
 * </ul>
 *
 * <p>Stage i: {@code h = enc(pe(cat(cls, x)))[1:] + x}; at stage 0 an optional text vector [B, d] is added to h
 * (the hook for text guidance); {@code s_i = sigmoid(linear(dropout(h)))}; then {@code x = x·s_i + x}. The final
 * score is the product of all {@code s_i}. There is no padding mask: padded zero steps are attended, as in the
 * reference.
 *
 * <p>Owns native memory: close it. Not thread-safe.
 */
public final class ProgressiveSummarizer implements AutoCloseable {
    private final SummarizerSpec spec;
    private final NDManager manager;
    private final NamedParameters params;
    private final NDArray classToken;
    private final PositionalEncoding positions;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final List<TorchLinear> heads = new ArrayList<>();

    /** The result of one forward pass: final scores and each stage's scores, all [B, T]. */
    public record Output(NDArray score, List<NDArray> stageScores) {}

    /**
     * Builds the model with torch's default initialisation drawn from {@code seed}.
     *
     * @param manager the parent manager; the model keeps its parameters in a sub-manager it closes itself
     */
    public ProgressiveSummarizer(SummarizerSpec spec, NDManager manager, long seed) {
        this.spec = spec;
        this.manager = manager.newSubManager();
        this.params = new NamedParameters(this.manager);
        TorchInit init = new TorchInit(seed);
        int d = spec.dModel();
        long layerSeed = init.nextSeed();
        for (int k = 0; k < spec.layers(); k++) {
            // every layer from the same sub-stream: torch clones one initialised layer
            layers.add(new EncoderLayer(params, "transformer_encoder.layers." + k, spec, new TorchInit(layerSeed)));
        }
        for (int i = 0; i < spec.stages(); i++) {
            heads.add(new TorchLinear(params, "score_predict." + i + ".1", d, 1, init));
        }
        this.classToken = params.add("v_cls.weight", new Shape(1, d), init.standardNormal(d));
        this.positions = new PositionalEncoding(this.manager, d, spec.posEncWeight());
    }

    public SummarizerSpec spec() {
        return spec;
    }

    /**
     * The manager that owns the parameters: open short-lived sub-managers of it ({@code newSubManager()}) for the
     * inputs of a step, so everything a step creates is freed when that sub-manager closes.
     */
    public NDManager scratchManager() {
        return manager;
    }

    /**
     * Scores a batch.
     *
     * @param features [B, T, d], owned by the caller's (per-step) manager; results are created there too
     * @param textGuide [B, d] added at stage 0, or null (no text guidance)
     * @param training dropout on when true (call inside a gradient collector to train)
     */
    public Output forward(NDArray features, NDArray textGuide, boolean training) {
        checkInput(features, textGuide);
        NDArray x = features;
        List<NDArray> stageScores = new ArrayList<>();
        NDArray product = null;
        for (int i = 0; i < spec.stages(); i++) {
            NDArray h = encode(x, training);
            if (i == 0 && textGuide != null) {
                h = h.add(textGuide.expandDims(1));
            }
            NDArray s = Activation.sigmoid(heads.get(i).forward(drop(h, spec.dropoutPredictor(), training)));
            x = x.mul(s).add(x); // re-weight the features for the next stage
            NDArray stage = s.squeeze(2);
            stageScores.add(stage);
            product = product == null ? stage : product.mul(stage);
        }
        return new Output(product, Collections.unmodifiableList(stageScores));
    }

    /** One stage's encoder pass: class token in front, positions, encoder, class row dropped, residual x. */
    private NDArray encode(NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        // zeros first so the expanded token belongs to x's manager, yet the gradient still reaches v_cls
        NDArray cls = x.getManager().zeros(new Shape(batch, 1, spec.dModel())).add(classToken);
        NDArray src = drop(positions.addTo(NDArrays.concat(new NDList(cls, x), 1)), spec.dropout(), training);
        for (EncoderLayer layer : layers) {
            src = layer.forward(src, training);
        }
        return src.get(new NDIndex(":, 1:, :")).add(x);
    }

    /** Eval-mode scores of one full-length video (batch 1, no crop, no dropout): one value per feature step. */
    public float[] predict(float[][] features) {
        return predict(features, null);
    }

    /** As {@link #predict(float[][])} with a text vector [d] for stage 0 (or null). */
    public float[] predict(float[][] features, float[] textGuide) {
        int t = features.length;
        int d = spec.dModel();
        float[] flat = new float[t * d];
        for (int i = 0; i < t; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("feature row " + i + " has " + features[i].length
                        + " values, the model expects " + d);
            }
            System.arraycopy(features[i], 0, flat, i * d, d);
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(flat, new Shape(1, t, d));
            NDArray text = textGuide == null ? null : step.create(textGuide, new Shape(1, d));
            return forward(x, text, false).score().toFloatArray();
        }
    }

    private void checkInput(NDArray features, NDArray textGuide) {
        Shape shape = features.getShape();
        if (shape.dimension() != 3 || shape.get(2) != spec.dModel()) {
            throw new IllegalArgumentException("features must be [B, T, " + spec.dModel() + "], got " + shape);
        }
        if (textGuide != null && !textGuide.getShape().equals(new Shape(shape.get(0), spec.dModel()))) {
            throw new IllegalArgumentException("text guide must be [B, d] = [" + shape.get(0) + ", "
                    + spec.dModel() + "], got " + textGuide.getShape());
        }
    }

    private static NDArray drop(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, rate, true).singletonOrThrow() : x;
    }

    /** Trainable tensors by torch name, in torch's order (the optimiser updates these in place). */
    public Map<String, NDArray> parameters() {
        return params.arrays();
    }

    /** Torch name -> shape of every trainable tensor. */
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        params.arrays().forEach((name, array) -> shapes.put(name, array.getShape()));
        return shapes;
    }

    /** Total number of trainable values. */
    public long parameterCount() {
        return params.arrays().values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /**
     * Replaces every parameter's values. The key set must equal {@link #parameterShapes()}'s (filter foreign keys
     * such as {@code pos_encoder.pe} or the text model's before calling) and each array must have its tensor's size.
     */
    public void loadParameters(Map<String, float[]> values) {
        checkKeys(values.keySet());
        params.arrays().forEach((name, array) -> {
            float[] v = values.get(name);
            if (v.length != array.getShape().size()) {
                throw new IllegalArgumentException("parameter " + name + " expects " + array.getShape().size()
                        + " values " + array.getShape() + ", got " + v.length);
            }
            array.set(FloatBuffer.wrap(v));
        });
    }

    /** As {@link #loadParameters(Map)}, also checking each shape. */
    public void loadTensors(Map<String, ParameterTensor> tensors) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Shape> shapes = parameterShapes();
        checkKeys(tensors.keySet());
        tensors.forEach((name, tensor) -> {
            if (!new Shape(tensor.shape()).equals(shapes.get(name))) {
                throw new IllegalArgumentException("parameter " + name + " has shape " + shapes.get(name)
                        + ", the tensor to load has " + new Shape(tensor.shape()));
            }
            values.put(name, tensor.data());
        });
        loadParameters(values);
    }

    /** Copies of every parameter's values by torch name, in torch's order. */
    public Map<String, float[]> exportParameters() {
        Map<String, float[]> out = new LinkedHashMap<>();
        params.arrays().forEach((name, array) -> out.put(name, array.toFloatArray()));
        return out;
    }

    /** Every parameter with its shape, by torch name (the form checkpoint writers take). */
    public Map<String, ParameterTensor> exportTensors() {
        Map<String, ParameterTensor> out = new LinkedHashMap<>();
        params.arrays().forEach((name, array) ->
                out.put(name, new ParameterTensor(array.getShape().getShape(), array.toFloatArray())));
        return out;
    }

    /** The positional table in torch's state_dict form ({@code pos_encoder.pe}), for writers that want it. */
    public PositionalEncoding positionalEncoding() {
        return positions;
    }

    private void checkKeys(java.util.Set<String> given) {
        TreeSet<String> missing = new TreeSet<>(params.arrays().keySet());
        missing.removeAll(given);
        TreeSet<String> unknown = new TreeSet<>(given);
        unknown.removeAll(params.arrays().keySet());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException("parameter names differ from the model's: missing " + missing
                    + ", unknown " + unknown);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
