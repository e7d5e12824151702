package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import sspvs.tensor.InPlaceCopy;
import sspvs.text.BertTextEncoder;

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
 * <p><b>Text guidance</b> (the reference's {@code with_info_guide}; built with a {@link TextEncoderChoice}): the model
 * also owns a BERT text encoder ({@code bert_embeddings.*}, {@code bert_encoder.*}, {@code bert_pooler.*}) and the
 * projection {@code project_t_v.0/.2} (Linear(H, H) → ReLU → Linear(H, d)); {@link #forwardWithText} turns each
 * video's token ids into the stage-0 vector (see {@link TextGuide}). All of them are in the one torch-named
 * parameter map, in the reference's state_dict order (encoder layers, score heads, BERT, projection, class token),
 * so checkpoints carry them and non-strict loads fill them. {@link #parameters()} holds only what learns (the
 * summarizer's own tensors, the projection, and the pooler when {@code text_trainable}); the frozen BERT embeddings
 * and encoder appear in {@link #parameterShapes()} and {@link #exportTensors()} but never reach the optimiser.
 *
 * <p>Owns native memory: close it. Not thread-safe.
 */
public final class ProgressiveSummarizer implements AutoCloseable {
    private static final String CLASS_TOKEN = "v_cls.weight";
    private final SummarizerSpec spec;
    private final NDManager manager;
    private final NamedParameters params;
    private final NDArray classToken;
    private final PositionalEncoding positions;
    private final List<EncoderLayer> layers = new ArrayList<>();
    private final List<TorchLinear> heads = new ArrayList<>();
    private final TextGuide text;

    /** The result of one forward pass: final scores and each stage's scores, all [B, T]. */
    public record Output(NDArray score, List<NDArray> stageScores) {}

    /**
     * Builds the model with torch's default initialisation drawn from {@code seed}.
     *
     * @param manager the parent manager; the model keeps its parameters in a sub-manager it closes itself
     */
    public ProgressiveSummarizer(SummarizerSpec spec, NDManager manager, long seed) {
        this(spec, manager, seed, null);
    }

    /**
     * A text-guided model: as {@link #ProgressiveSummarizer(SummarizerSpec, NDManager, long)} plus the text encoder
     * {@code textEncoder} describes (built, and MiniLM's weights loaded if it says so, with fresh weights from
     * {@code seed}) and the projection to d; null builds the plain model (same initial values as without text).
     */
    public ProgressiveSummarizer(SummarizerSpec spec, NDManager manager, long seed, TextEncoderChoice textEncoder) {
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
        this.classToken = params.add(CLASS_TOKEN, new Shape(1, d), init.standardNormal(d));
        this.positions = new PositionalEncoding(this.manager, d, spec.posEncWeight());
        // drawn after everything else, so the video part starts equal with or without text
        this.text = textEncoder == null ? null
                : new TextGuide(textEncoder.build(this.manager, seed), params, d, init);
    }

    /** True when the model reads each video's text ({@link #forwardWithText}, {@link #predictWithText}). */
    public boolean textGuided() {
        return text != null;
    }

    /** The text encoder of a text-guided model; null without text guidance. */
    public BertTextEncoder textEncoder() {
        return text == null ? null : text.encoder();
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

    /**
     * Scores a batch with text guidance: each sample's token ids through BERT and the projection, added at stage 0.
     *
     * @param features [B, T, d] in the caller's per-step manager
     * @param textIds [B, L] int64 token ids ({@code [CLS] cat [SEP] query [SEP] title [SEP]}), same manager
     */
    public Output forwardWithText(NDArray features, NDArray textIds, boolean training) {
        TextGuide t = requireText();
        if (textIds.getShape().dimension() != 2 || textIds.getShape().get(0) != features.getShape().get(0)) {
            throw new IllegalArgumentException("text ids must be [B, L] with B = " + features.getShape().get(0)
                    + ", got " + textIds.getShape());
        }
        return forward(features, t.guide(textIds, training), training);
    }

    /**
     * The text branch from the pooled BERT vector on: {@code pooled} [B, H] → projection → added at stage 0 (the seam
     * the torch parity test uses).
     */
    public Output forwardWithPooledText(NDArray features, NDArray pooled, boolean training) {
        return forward(features, requireText().project(pooled), training);
    }

    /** The stage-0 vectors [B, d] of token ids [B, L] (int64), in the ids' manager. */
    public NDArray textGuide(NDArray textIds, boolean training) {
        return requireText().guide(textIds, training);
    }

    private TextGuide requireText() {
        if (text == null) {
            throw new IllegalStateException("this summarizer was built without text guidance");
        }
        return text;
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

    /**
     * Eval-mode scores of one full-length video (batch 1, no crop, no dropout): one value per feature step.
     *
     * @throws IllegalStateException for a text-guided model (use {@link #predictWithText})
     */
    public float[] predict(float[][] features) {
        if (text != null) {
            throw new IllegalStateException("this summarizer is text-guided: score with predictWithText and the "
                    + "video's token ids");
        }
        return predict(features, (float[]) null);
    }

    /** Eval-mode scores of one full-length video of a text-guided model, with its token ids (the parts whole). */
    public float[] predictWithText(float[][] features, long[] textIds) {
        TextGuide t = requireText();
        try (NDManager step = manager.newSubManager()) {
            NDArray ids = step.create(textIds, new Shape(1, textIds.length));
            float[] guide = t.guide(ids, false).toFloatArray();
            return predict(features, guide);
        }
    }

    /** As {@link #predict(float[][])} with a text vector [d] for stage 0 (or null): the raw hook. */
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
        return training && rate > 0 ? TrainingDropout.apply(x, rate) : x;
    }

    /**
     * The tensors that learn, by torch name, in torch's order (the optimiser updates these in place): every
     * parameter of the plain model; with text guidance not the frozen BERT parts.
     */
    public Map<String, NDArray> parameters() {
        return arrays(true);
    }

    /** Torch name -> shape of every parameter (frozen text-encoder parts included). */
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        arrays(false).forEach((name, array) -> shapes.put(name, array.getShape()));
        return shapes;
    }

    /** Total number of parameter values (frozen text-encoder parts included). */
    public long parameterCount() {
        return arrays(false).values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /** Every tensor (or only the learning ones) in the reference's state_dict order. */
    private Map<String, NDArray> arrays(boolean learningOnly) {
        if (text == null) {
            return params.arrays();
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.arrays().forEach((name, array) -> {
            if (!name.startsWith(TextGuide.PROJECTION) && !name.equals(CLASS_TOKEN)) {
                out.put(name, array);
            }
        });
        text.encoderParameters().forEach((name, p) -> {
            if (!learningOnly || p.requiresGradient()) {
                out.put(name, p.getArray());
            }
        });
        params.arrays().forEach((name, array) -> {
            if (name.startsWith(TextGuide.PROJECTION)) {
                out.put(name, array);
            }
        });
        out.put(CLASS_TOKEN, classToken);
        return out;
    }

    /** Copies values into a tensor; a text-encoder tensor keeps its learning flag (as the encoder's own copy does). */
    private void setValues(String name, NDArray array, float[] values) {
        InPlaceCopy.into(array, values);
        if (text != null) {
            Parameter p = text.encoder().namedParameters().get(name);
            if (p != null) {
                array.setRequiresGradient(p.requiresGradient());
            }
        }
    }

    /**
     * Replaces every parameter's values. The key set must equal {@link #parameterShapes()}'s (filter foreign keys
     * such as {@code pos_encoder.pe} or the self-supervised heads before calling; a text-guided model's keys include
     * its BERT and projection) and each array must have its tensor's size.
     */
    public void loadParameters(Map<String, float[]> values) {
        checkKeys(values.keySet());
        Map<String, NDArray> all = arrays(false);
        all.forEach((name, array) -> {
            float[] v = values.get(name);
            if (v.length != array.getShape().size()) {
                throw new IllegalArgumentException("parameter " + name + " expects " + array.getShape().size()
                        + " values " + array.getShape() + ", got " + v.length);
            }
        });
        all.forEach((name, array) -> setValues(name, array, values.get(name)));
    }

    /**
     * Replaces the values of the named parameters only (the others keep theirs): e.g. the learning tensors of a
     * {@code TrainingState} over a model whose frozen parts came from its initialisation. Unknown names and wrong
     * shapes are rejected before anything changes.
     */
    public void loadSome(Map<String, ParameterTensor> tensors) {
        Map<String, NDArray> all = arrays(false);
        tensors.forEach((name, t) -> {
            NDArray array = all.get(name);
            if (array == null) {
                throw new IllegalArgumentException("the model has no parameter " + name);
            }
            if (!new Shape(t.shape()).equals(array.getShape())) {
                throw new IllegalArgumentException("parameter " + name + " has shape " + array.getShape()
                        + ", the tensor to load has " + new Shape(t.shape()));
            }
        });
        tensors.forEach((name, t) -> setValues(name, all.get(name), t.data()));
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

    /**
     * What a non-strict load did, as torch's {@code load_state_dict(strict=False)} reports it.
     *
     * @param missing model parameters the source did not have (they keep their values)
     * @param unexpected source keys the model does not have (ignored), e.g. {@code pos_encoder.pe} or the SSL heads
     */
    public record LoadResult(List<String> missing, List<String> unexpected) {}

    /**
     * Loads every parameter the source has, as torch's non-strict load does for the reference's {@code resume}
     * (the self-supervised checkpoint has the encoder and class token but no score heads). A key the model has
     * with another shape is an error, as in torch.
     */
    public LoadResult loadMatching(Map<String, ParameterTensor> source) {
        Map<String, Shape> shapes = parameterShapes();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (String name : source.keySet()) {
            if (!shapes.containsKey(name)) {
                unexpected.add(name);
            } else if (!new Shape(source.get(name).shape()).equals(shapes.get(name))) {
                throw new IllegalArgumentException("parameter " + name + " has shape " + shapes.get(name)
                        + ", the tensor to load has " + new Shape(source.get(name).shape()));
            }
        }
        arrays(false).forEach((name, array) -> {
            ParameterTensor t = source.get(name);
            if (t == null) {
                missing.add(name);
            } else {
                setValues(name, array, t.data());
            }
        });
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    /** Copies of every parameter's values by torch name, in torch's order. */
    public Map<String, float[]> exportParameters() {
        Map<String, float[]> out = new LinkedHashMap<>();
        arrays(false).forEach((name, array) -> out.put(name, array.toFloatArray()));
        return out;
    }

    /** Every parameter with its shape, by torch name (the form checkpoint writers take). */
    public Map<String, ParameterTensor> exportTensors() {
        return tensors(arrays(false));
    }

    /**
     * The learning parameters only ({@link #parameters()}), with their shapes: what a training state must keep.
     * Equal to {@link #exportTensors()} without text guidance.
     */
    public Map<String, ParameterTensor> exportLearningTensors() {
        return tensors(arrays(true));
    }

    private static Map<String, ParameterTensor> tensors(Map<String, NDArray> arrays) {
        Map<String, ParameterTensor> out = new LinkedHashMap<>();
        arrays.forEach((name, array) ->
                out.put(name, new ParameterTensor(array.getShape().getShape(), array.toFloatArray())));
        return out;
    }

    /** The positional table in torch's state_dict form ({@code pos_encoder.pe}), for writers that want it. */
    public PositionalEncoding positionalEncoding() {
        return positions;
    }

    private void checkKeys(java.util.Set<String> given) {
        java.util.Set<String> names = arrays(false).keySet();
        TreeSet<String> missing = new TreeSet<>(names);
        missing.removeAll(given);
        TreeSet<String> unknown = new TreeSet<>(given);
        unknown.removeAll(names);
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
