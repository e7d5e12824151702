package sspvs.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import sspvs.UserException;

/**
 * The text inputs of a text-guided summarizer for a set of videos, read once from their token files
 * ({@code <infoEmbedRoot>/<video>.h5}, {@link VideoTextInfo}) and joined as the reference does
 * ({@link TextInputBuilder}): {@code [CLS] cat [SEP] query [SEP] title [SEP]}, with each part cut or [PAD]-padded to
 * its limit for training (one length, so samples batch) and whole for evaluation (one video at a time).
 *
 * @param training token ids for training, by video key
 * @param evaluation token ids for scoring, by video key
 */
public record VideoTextInputs(Map<String, long[]> training, Map<String, long[]> evaluation) {
    public VideoTextInputs {
        training = Collections.unmodifiableMap(new LinkedHashMap<>(training));
        evaluation = Collections.unmodifiableMap(new LinkedHashMap<>(evaluation));
    }

    /**
     * Reads the token files of {@code videos}; the special-token ids are the bundled bert-base-uncased
     * tokenizer's ([CLS] 101, [SEP] 102, [PAD] 0).
     *
     * @throws UserException naming the folder or file when one is missing (with
     *     {@link UserException.Remedy#TEXT_TOKENS}: a front end says how to make them) or unreadable
     */
    public static VideoTextInputs read(Path infoEmbedRoot, Collection<String> videos, TextInputBuilder.Limits limits) {
        if (!Files.isDirectory(infoEmbedRoot)) {
            throw new UserException("text token folder " + infoEmbedRoot + " not found",
                    UserException.Remedy.TEXT_TOKENS);
        }
        TextInputBuilder builder;
        try (TextTokenizer tokenizer = TextTokenizer.bundledMiniLm()) {
            builder = new TextInputBuilder(tokenizer, limits);
        }
        Map<String, long[]> training = new LinkedHashMap<>();
        Map<String, long[]> evaluation = new LinkedHashMap<>();
        for (String video : videos) {
            Path file = VideoTextInfo.fileOf(infoEmbedRoot, video);
            if (!Files.isRegularFile(file)) {
                throw new UserException("text token file of video " + video + " not found: " + file,
                        UserException.Remedy.TEXT_TOKENS);
            }
            VideoTextInfo info = VideoTextInfo.read(infoEmbedRoot, video);
            training.put(video, builder.forTraining(info));
            evaluation.put(video, builder.forEvaluation(info));
        }
        return new VideoTextInputs(training, evaluation);
    }
}
