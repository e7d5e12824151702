package sspvs.train;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.VideoRecord;
import sspvs.io.Sha256;
import sspvs.model.SummarizerCheckpoints;
import sspvs.model.TextEncoderChoice;
import sspvs.model.io.TorchCheckpoint;
import sspvs.text.BertConfig;
import sspvs.text.TextInputBuilder;
import sspvs.text.TextTraining;
import sspvs.text.VideoTextInfo;
import sspvs.text.VideoTextInputs;

/**
 * The text side of a text-guided run ({@code with_info_guide: true}), set up once before training: every video's
 * token file read ({@link VideoTextInputs}, from {@link RunInputs#infoEmbedRoot()}) and the text encoder chosen —
 * the BERT whose weights the pretrained checkpoint holds (the authors' {@code pretrained_model.ckpt}: bert-base,
 * H 768; sizes from the stored shapes, {@link BertConfig#inferFrom}), else all-MiniLM-L6-v2 (H 384) from the bundled
 * ONNX file. Embeddings and encoder are frozen, the pooler learns when {@code text_trainable}
 * ({@link TextTraining#forSummarizer}). Training feeds the fixed-length ids, evaluation the whole parts.
 */
final class TextGuidance {
    private final TextEncoderChoice encoder;
    private final String source;
    private final VideoTextInputs texts;
    private final Path root;
    private final Map<VideoRecord, String> splitKeyOf = new IdentityHashMap<>();

    private TextGuidance(TextEncoderChoice encoder, String source, VideoTextInputs texts, Path root,
            Map<String, VideoRecord> videos) {
        this.encoder = encoder;
        this.source = source;
        this.texts = texts;
        this.root = root;
        videos.forEach((key, record) -> splitKeyOf.put(record, key));
    }

    /**
     * Reads the token files of {@code videos} (by split key) and chooses the encoder.
     *
     * @param withoutCheckpoint the encoder when the pretrained file brings no BERT; null for all-MiniLM-L6-v2
     */
    static TextGuidance setUp(String exp, RunConfig config, RunInputs inputs, Map<String, VideoRecord> videos,
            TextEncoderChoice withoutCheckpoint) {
        Path root = inputs.infoEmbedRoot();
        if (root == null) {
            throw new UserException("config " + exp + " uses text guidance (with_info_guide: true) but no "
                    + "token folder was given (info_embed_root_test)", UserException.Remedy.TEXT_TOKENS);
        }
        TextInputBuilder.Limits limits = new TextInputBuilder.Limits(config.maxCat(), config.maxQuery(),
                config.maxTitle(), config.maxDesc());
        VideoTextInputs texts = VideoTextInputs.read(root, videos.keySet(), limits);
        TextTraining training = TextTraining.forSummarizer(config.textTrainable());
        Path pretrained = inputs.pretrained();
        if (pretrained != null) {
            BertConfig bert = SummarizerCheckpoints.textEncoderIn(TorchCheckpoint.load(pretrained, n -> false));
            if (bert != null) {
                requireVocabulary(texts, root, bert.vocab());
                return new TextGuidance(TextEncoderChoice.random(bert, training),
                        "BERT from " + pretrained.getFileName(), texts, root, videos);
            }
        }
        TextEncoderChoice encoder = withoutCheckpoint != null
                ? new TextEncoderChoice(withoutCheckpoint.config(), withoutCheckpoint.pretrained(), training)
                : TextEncoderChoice.forSummarizer(BertConfig.miniLmL6().layers(), config.textTrainable());
        requireVocabulary(texts, root, encoder.config().vocab());
        return new TextGuidance(encoder, encoder.pretrained() ? "all-MiniLM-L6-v2 (bundled ONNX)"
                : "a freshly initialised BERT", texts, root, videos);
    }

    /** Every video's whole token ids (the evaluation ones hold all of them) inside the encoder's vocabulary. */
    private static void requireVocabulary(VideoTextInputs texts, Path root, int vocab) {
        texts.evaluation().forEach((video, ids) ->
                VideoTextInfo.requireVocabulary(VideoTextInfo.fileOf(root, video), "token ids", ids, vocab));
    }

    TextEncoderChoice encoder() {
        return encoder;
    }

    Path root() {
        return root;
    }

    /** The fixed-length training ids of {@code records}, by record key (what the trainer looks up). */
    Map<String, long[]> trainingIds(List<VideoRecord> records) {
        return byRecordKey(records, texts.training());
    }

    /** The whole-part evaluation ids of {@code records}, by record key. */
    Map<String, long[]> evaluationIds(List<VideoRecord> records) {
        return byRecordKey(records, texts.evaluation());
    }

    /** One line saying which encoder and what learns. */
    String describe() {
        BertConfig b = encoder.config();
        return String.format(Locale.ROOT, "%s, H %d, %d layer(s); embeddings and encoder frozen, pooler %s",
                source, b.hidden(), b.layers(), encoder.training() == TextTraining.FROZEN ? "frozen" : "learning");
    }

    /** The {@code text_guidance} section of run.json: folder, encoder, sizes and one digest over the token files. */
    Map<String, Object> provenance() {
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("info_embed_root", root.toAbsolutePath().normalize().toString());
        text.put("encoder", describe());
        text.put("hidden", encoder.config().hidden());
        text.put("layers", encoder.config().layers());
        // one digest over every token file read (key and file hash, in key order)
        StringBuilder hashes = new StringBuilder();
        for (String key : new TreeSet<>(texts.evaluation().keySet())) {
            hashes.append(key).append(':').append(Sha256.of(VideoTextInfo.fileOf(root, key))).append('\n');
        }
        text.put("token_files", texts.evaluation().size());
        text.put("token_files_sha256", Sha256.ofText(hashes.toString()));
        return text;
    }

    private Map<String, long[]> byRecordKey(List<VideoRecord> records, Map<String, long[]> bySplitKey) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (VideoRecord r : records) {
            out.put(r.key(), bySplitKey.get(splitKeyOf.getOrDefault(r, r.key())));
        }
        return out;
    }
}
