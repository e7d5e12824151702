package sspvs.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import sspvs.text.BertConfig;
import sspvs.text.BertTextEncoder;

/**
 * The text branch of a text-guided {@link ProgressiveSummarizer} (the reference's {@code with_info_guide}): a video's
 * token ids {@code [CLS] cat [SEP] query [SEP] title [SEP]} → BERT ({@link BertTextEncoder}, attention to every
 * position, token types 0) → pooled vector tanh(Linear(first token)) [B, H] → {@code project_t_v}: Linear(H, H) →
 * ReLU → Linear(H, d) → the guide [B, d] that the summarizer adds to every step at stage 0.
 *
 * <p>Parameters, with the reference's names: the encoder's {@code bert_embeddings.*}, {@code bert_encoder.*},
 * {@code bert_pooler.*} (DJL parameters, frozen or learning per the encoder's {@link sspvs.text.TextTraining}) and
 * {@code project_t_v.0.*}, {@code project_t_v.2.*} (registered with the summarizer's own parameters, always
 * learning, as in the reference).
 */
final class TextGuide {
    static final String PROJECTION = "project_t_v.";

    private final BertTextEncoder encoder;
    private final TorchLinear project0;
    private final TorchLinear project2;

    TextGuide(BertTextEncoder encoder, NamedParameters params, int d, TorchInit init) {
        this.encoder = encoder;
        int h = encoder.config().hidden();
        this.project0 = new TorchLinear(params, PROJECTION + "0", h, h, init);
        this.project2 = new TorchLinear(params, PROJECTION + "2", h, d, init);
    }

    BertTextEncoder encoder() {
        return encoder;
    }

    BertConfig config() {
        return encoder.config();
    }

    /** ids [B, L] (int64, in the caller's step manager) → the guide [B, d] in the same manager. */
    NDArray guide(NDArray ids, boolean training) {
        NDList out = encoder.forward(new ParameterStore(ids.getManager(), false), new NDList(ids), training);
        return project(out.get(1));
    }

    /** The projection alone: pooled [B, H] → [B, d]. */
    NDArray project(NDArray pooled) {
        return project2.forward(Activation.relu(project0.forward(pooled)));
    }

    /** The encoder's tensors by torch name in the reference's state_dict order (encoder, embeddings, pooler). */
    Map<String, Parameter> encoderParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (String group : new String[] {"bert_encoder.", "bert_embeddings.", "bert_pooler."}) {
            encoder.namedParameters().forEach((name, p) -> {
                if (name.startsWith(group)) {
                    out.put(name, p);
                }
            });
        }
        return out;
    }
}
