package sspvs.model.ssl;

import sspvs.model.TextEncoderChoice;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.tensor.InPlaceCopy;
import sspvs.model.ModelParts;
import sspvs.model.ParameterTensor;
import sspvs.model.PositionalEncoding;
import sspvs.model.SummarizerSpec;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchTensor;
import sspvs.text.BertTextEncoder;

/**
 * The multimodal self-supervised pre-training model of SSPVS: a video encoder learns from masked-frame prediction
 * and from matching videos with their text, and its weights later start the {@link sspvs.model.ProgressiveSummarizer}
 * (equal torch names for the shared parts: {@code v_cls.weight}, {@code transformer_encoder.layers.*}).
 *
 * <p>Children, with the reference's state_dict names:
 * <ul>
 *   <li>the text encoder {@code bert_encoder.*}, {@code bert_embeddings.*}, {@code bert_pooler.*}
 *       ({@link BertTextEncoder}, width H);</li>
 *   <li>{@code v_cls.weight}, {@code v_mask.weight} [1, d]: the class token and the mask token;</li>
 *   <li>the sinusoidal positions (×{@code posEncWeight}) with dropout, shared by both encoders;</li>
 *   <li>{@code transformer_encoder_naive.layers.0.*}: a one-layer encoder over the window around the masked frame;
 *       {@code transformer_encoder.layers.<k>.*}: the main video encoder. All these layers start equal, as torch's
 *       {@code TransformerEncoder}s cloned from one layer do;</li>
 *   <li>{@code prob_dist.{0,2}}: Linear(d, d/2) → ReLU → Linear(d/2, 2), softmax — how much to trust each
 *       predictor;</li>
 *   <li>{@code video_decoder.0}, {@code video_decoder_naive.0}: Linear(d, d) → ReLU, the two predictors' heads;</li>
 *   <li>{@code vid_cls_decoder}: Linear(d, d) → tanh on the encoded class token;</li>
 *   <li>{@code project_t_v.{0,2}}: Linear(H, H) → ReLU → Linear(H, d), words into the video space;</li>
 *   <li>{@code classifier.{0,3,6}}: Linear(H + d, d) → ReLU → Dropout → Linear(d, d/2) → ReLU → Dropout →
 *       Linear(d/2, 1) (the reference's 1024 and 512 at d = 1024); sigmoid gives the match probability.</li>
 * </ul>
 *
 * <p>Forward, per batch: (1) the masked frame of each video becomes the mask token; (2) class token in front,
 * positions, main encoder → encoded frames [B, T+1, d]; (3) masked-frame prediction
 * {@code p0·interp + p1·dec}: {@code interp} from the naive encoder's centre output over the {@code windowSize}
 * masked-input frames around the mask (zeros beyond the ends), {@code dec} from the encoded masked position,
 * {@code (p0, p1)} from {@code prob_dist} of the encoded masked position; (4) text → word vectors [B, L, H] and
 * pooled [B, H] (or given); (5) match logit from the classifier on [pooled, tanh(vid_cls_decoder(encoded class token))];
 * (6) words projected to d for the fine (Hausdorff) alignment. No padding masks anywhere, as in the reference.
 *
 * <p>Owns native memory: close it. Not thread-safe.
 */
public final class SelfSupervisedModel implements AutoCloseable {
    private final SslModelSpec spec;
    private final NDManager manager;
    private final BertTextEncoder text;
    private final ModelParts parts;
    private final NDArray classToken;
    private final NDArray maskToken;
    private final PositionalEncoding positions;
    private final ModelParts.Layer naiveLayer;
    private final List<ModelParts.Layer> layers = new ArrayList<>();
    private final ModelParts.Layer probDist0;
    private final ModelParts.Layer probDist2;
    private final ModelParts.Layer videoDecoder;
    private final ModelParts.Layer videoDecoderNaive;
    private final ModelParts.Layer clsDecoder;
    private final ModelParts.Layer project0;
    private final ModelParts.Layer project2;
    private final ModelParts.Layer classifier0;
    private final ModelParts.Layer classifier3;
    private final ModelParts.Layer classifier6;

    /**
     * What one forward pass gives.
     *
     * @param predictedFrame the masked frame's prediction [B, d]
     * @param matchLogit video–text match logit [B] (the reference's {@code prob_v} is its sigmoid)
     * @param encodedFrames the main encoder's output, class row first [B, T+1, d]
     * @param projectedWords the text encoder's word vectors projected to d [B, L, d]
     */
    public record Output(NDArray predictedFrame, NDArray matchLogit, NDArray encodedFrames, NDArray projectedWords) {
        /** The match probability [B]. */
        public NDArray matchProbability() {
            return Activation.sigmoid(matchLogit);
        }
    }

    /**
     * Builds the model with torch-style initial weights from {@code seed} (the text encoder's pretrained weights, if
     * chosen, are loaded).
     *
     * @param manager parent manager; the model keeps everything in a sub-manager it closes itself
     */
    public SelfSupervisedModel(SslModelSpec spec, TextEncoderChoice textChoice, NDManager manager, long seed) {
        this.spec = spec;
        this.manager = manager.newSubManager();
        this.text = textChoice.build(this.manager, seed);
        int d = spec.dModel();
        int h = textChoice.config().hidden();
        this.parts = new ModelParts(this.manager, seed);
        // registration order = the reference's state_dict order (after the text encoder)
        this.classToken = parts.embedding("v_cls.weight", 1, d);
        this.maskToken = parts.embedding("v_mask.weight", 1, d);
        this.positions = new PositionalEncoding(this.manager, d, spec.posEncWeight());
        SummarizerSpec encoder = spec.encoderSpec();
        long layerSeed = parts.nextSeed(); // one layer, cloned into both encoders, as in torch
        this.naiveLayer = parts.encoderLayer("transformer_encoder_naive.layers.0", encoder, layerSeed);
        for (int k = 0; k < spec.layers(); k++) {
            layers.add(parts.encoderLayer("transformer_encoder.layers." + k, encoder, layerSeed));
        }
        this.probDist0 = parts.linear("prob_dist.0", d, d / 2);
        this.probDist2 = parts.linear("prob_dist.2", d / 2, 2);
        this.videoDecoder = parts.linear("video_decoder.0", d, d);
        this.videoDecoderNaive = parts.linear("video_decoder_naive.0", d, d);
        this.clsDecoder = parts.linear("vid_cls_decoder", d, d);
        this.project0 = parts.linear("project_t_v.0", h, h);
        this.project2 = parts.linear("project_t_v.2", h, d);
        this.classifier0 = parts.linear("classifier.0", h + d, d);
        this.classifier3 = parts.linear("classifier.3", d, d / 2);
        this.classifier6 = parts.linear("classifier.6", d / 2, 1);
    }

    public SslModelSpec spec() {
        return spec;
    }

    public BertTextEncoder textEncoder() {
        return text;
    }

    /** Open short-lived sub-managers of this for each step's inputs (everything a step makes is freed with them). */
    public NDManager scratchManager() {
        return manager;
    }

    /**
     * One forward pass.
     *
     * @param features [B, T, d] in the caller's per-step manager (results are created there)
     * @param maskedPositions for each video, the step to mask, in [0, T)
     * @param textIds [B, L] int64 token ids
     * @param training dropout on when true (call inside a gradient collector to train)
     */
    public Output forward(NDArray features, int[] maskedPositions, NDArray textIds, boolean training) {
        if (textIds.getShape().dimension() != 2 || textIds.getShape().get(0) != features.getShape().get(0)) {
            throw new IllegalArgumentException("text ids must be [B, L] with B = " + features.getShape().get(0)
                    + ", got " + textIds.getShape());
        }
        // text: word vectors [B, L, H] and pooled vector [B, H]
        NDList textOut = text.forward(new ParameterStore(features.getManager(), false), new NDList(textIds), training);
        return forward(features, maskedPositions, textOut.get(0), textOut.get(1), training);
    }

    /**
     * As {@link #forward(NDArray, int[], NDArray, boolean)} with the text already encoded: {@code words} [B, L, H]
     * and {@code pooled} [B, H], the text encoder's outputs (the seam the torch parity test uses).
     */
    public Output forward(NDArray features, int[] maskedPositions, NDArray words, NDArray pooled, boolean training) {
        Shape shape = features.getShape();
        int batch = Math.toIntExact(shape.get(0));
        int steps = Math.toIntExact(shape.get(1));
        int d = spec.dModel();
        if (shape.dimension() != 3 || shape.get(2) != d || maskedPositions.length != batch
                || words.getShape().dimension() != 3 || words.getShape().get(0) != batch
                || !pooled.getShape().equals(new Shape(batch, words.getShape().get(2)))) {
            throw new IllegalArgumentException("expected features [B, T, " + d + "], B masked positions, words"
                    + " [B, L, H] and pooled [B, H]; got " + shape + ", " + maskedPositions.length + ", "
                    + words.getShape() + ", " + pooled.getShape());
        }
        NDManager step = features.getManager();
        // 1. the masked frame of each video replaced by the mask token
        NDArray oneHot = step.create(oneHot(maskedPositions, steps), new Shape(batch, steps, 1));
        NDArray masked = features.mul(oneHot.neg().add(1f)).add(oneHot.mul(maskToken));
        // 2. class token in front, positions, main encoder
        NDArray cls = step.zeros(new Shape(batch, 1, d)).add(classToken);
        NDArray src = drop(ModelParts.addPositions(positions, NDArrays.concat(new NDList(cls, masked), 1)),
                spec.dropout(), training);
        for (ModelParts.Layer layer : layers) {
            src = layer.forward(src, training);
        }
        NDArray encoded = src;
        // 3. masked-frame prediction: a window interpolator and a decoder of the encoded masked position, mixed
        NDArray encodedMask = encoded.get(":, 1:, :").mul(oneHot).sum(new int[] {1}); // [B, d]
        NDArray interp = interpolate(masked, maskedPositions, training);
        NDArray dec = Activation.relu(videoDecoder.forward(encodedMask, training));
        NDArray weights = probDist2.forward(Activation.relu(probDist0.forward(encodedMask, training)), training)
                .softmax(1); // [B, 2]
        NDArray predicted = interp.mul(weights.get(":, 0:1")).add(dec.mul(weights.get(":, 1:2")));
        // 4. coarse matching: classifier on [pooled text, tanh(Linear(encoded class token))]
        NDArray clsVector = clsDecoder.forward(encoded.get(":, 0, :"), training).tanh();
        NDArray hidden = Activation.relu(classifier0.forward(NDArrays.concat(new NDList(pooled, clsVector), 1), training));
        hidden = Activation.relu(classifier3.forward(drop(hidden, spec.dropoutClassifier(), training), training));
        NDArray logit = classifier6.forward(drop(hidden, spec.dropoutClassifier(), training), training).squeeze(1);
        // 5. fine alignment: words projected into the video space
        NDArray projected = project2.forward(Activation.relu(project0.forward(words, training)), training);
        return new Output(predicted, logit, encoded, projected);
    }

    /** The naive encoder's centre output over the masked input's window around each mask, through its head. */
    private NDArray interpolate(NDArray masked, int[] maskedPositions, boolean training) {
        int batch = maskedPositions.length;
        int steps = Math.toIntExact(masked.getShape().get(1));
        int w = spec.windowSize();
        int r = spec.windowRadius();
        // selection [B, W, T]: row j picks step pos - r + j, or nothing (a zero row) beyond the ends
        float[] select = new float[batch * w * steps];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < w; j++) {
                int t = maskedPositions[b] - r + j;
                if (t >= 0 && t < steps) {
                    select[(b * w + j) * steps + t] = 1f;
                }
            }
        }
        NDArray window = masked.getManager().create(select, new Shape(batch, w, steps)).matMul(masked);
        NDArray src = drop(ModelParts.addPositions(positions, window), spec.dropout(), training);
        NDArray out = naiveLayer.forward(src, training);
        return Activation.relu(videoDecoderNaive.forward(out.get(":, " + r + ", :"), training));
    }

    private static float[] oneHot(int[] positions, int steps) {
        float[] out = new float[positions.length * steps];
        for (int b = 0; b < positions.length; b++) {
            if (positions[b] < 0 || positions[b] >= steps) {
                throw new IllegalArgumentException("masked position " + positions[b] + " outside [0, " + steps + ")");
            }
            out[b * steps + positions[b]] = 1f;
        }
        return out;
    }

    private static NDArray drop(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, rate, true).singletonOrThrow() : x;
    }

    /** The tensors the optimiser updates, by torch name: every video-side one and the text encoder's learning ones. */
    public Map<String, NDArray> trainableParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        text.namedParameters().forEach((name, p) -> {
            if (p.requiresGradient()) {
                out.put(name, p.getArray());
            }
        });
        out.putAll(parts.parameters());
        return out;
    }

    /** Every parameter's torch name and shape (text encoder first), without the positional buffer. */
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> out = new LinkedHashMap<>(text.parameterShapes());
        parts.parameters().forEach((name, a) -> out.put(name, a.getShape()));
        return out;
    }

    /**
     * The state dict in the reference's order and naming: {@code bert_encoder.*}, {@code bert_embeddings.*},
     * {@code bert_pooler.*}, {@code v_cls.weight}, {@code v_mask.weight}, {@code pos_encoder.pe} (the positional
     * buffer torch stores), then the video-side modules. Add Lightning's {@code video_model.} prefix with
     * {@link StateDict#withPrefix} for a {@code .ckpt}.
     */
    public StateDict stateDict() {
        StateDict dict = new StateDict();
        Map<String, Parameter> textParams = text.namedParameters();
        for (String group : new String[] {"bert_encoder.", "bert_embeddings.", "bert_pooler."}) {
            textParams.forEach((name, p) -> {
                if (name.startsWith(group)) {
                    dict.put(name, new TorchTensor(p.getArray().getShape().getShape(), p.getArray().toFloatArray()));
                }
            });
        }
        parts.parameters().forEach((name, a) -> {
            dict.put(name, new TorchTensor(a.getShape().getShape(), a.toFloatArray()));
            if (name.equals("v_mask.weight")) {
                ParameterTensor pe = positions.stateDictBuffer();
                dict.put("pos_encoder.pe", new TorchTensor(pe.shape(), pe.data()));
            }
        });
        return dict;
    }

    /**
     * Replaces the named parameters' values (e.g. the matched tensors of a {@link sspvs.model.io.NonStrictLoad}
     * report, to resume from a checkpoint). Unknown names and wrong shapes are rejected before anything changes.
     */
    public void load(Map<String, TorchTensor> tensors) {
        Map<String, Shape> shapes = parameterShapes();
        tensors.forEach((name, t) -> {
            Shape expected = shapes.get(name);
            if (expected == null) {
                throw new IllegalArgumentException("the self-supervised model has no parameter " + name);
            }
            if (!expected.equals(new Shape(t.shape()))) {
                throw new IllegalArgumentException(name + ": shape " + expected + ", tensor " + new Shape(t.shape()));
            }
        });
        Map<String, NDArray> video = parts.parameters();
        Map<String, Parameter> textParams = text.namedParameters();
        tensors.forEach((name, t) -> {
            if (video.containsKey(name)) {
                InPlaceCopy.into(video.get(name), t.data());
            } else { // as BertTextEncoder does after copying: keep the array's learning flag
                Parameter p = textParams.get(name);
                InPlaceCopy.into(p.getArray(), t.data());
                p.getArray().setRequiresGradient(p.requiresGradient());
            }
        });
    }

    /** Total number of parameters (text encoder included, positional buffer not). */
    public long parameterCount() {
        return parameterShapes().values().stream().mapToLong(Shape::size).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
