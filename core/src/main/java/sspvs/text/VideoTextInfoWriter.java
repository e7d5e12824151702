package sspvs.text;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.UserException;
import sspvs.io.AtomicFiles;

/**
 * Writes the per-video text files that {@link VideoTextInfo} reads: tokenises each field whole
 * (no special tokens, no cutting) and stores the ids as int64 datasets, with the original text in
 * attributes {@code <field>_text} for people reading the file. Each file is written to a temporary
 * file in the target folder and then moved into place atomically.
 */
public final class VideoTextInfoWriter {
    private final TextTokenizer tokenizer;

    public VideoTextInfoWriter(TextTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Tokenises {@code text} without writing anything. */
    public VideoTextInfo tokenize(VideoText text) {
        return new VideoTextInfo(text.video(), tokenizer.encode(text.category()), tokenizer.encode(text.query()),
                tokenizer.encode(text.title()), text.description() == null ? null : tokenizer.encode(text.description()));
    }

    /** Writes {@code <infoEmbedRoot>/<video>.h5} (folder created if needed) and returns its path. */
    public Path write(Path infoEmbedRoot, VideoText text) {
        Path target = VideoTextInfo.fileOf(infoEmbedRoot, text.video());
        VideoTextInfo info = tokenize(text);
        try {
            AtomicFiles.replace(target, temp -> {
                List<String> empty = new ArrayList<>();
                try (WritableHdfFile hdf = HdfFile.write(temp)) {
                    put(hdf, VideoTextInfo.CATEGORY, info.category(), text.category(), empty);
                    put(hdf, VideoTextInfo.QUERY, info.query(), text.query(), empty);
                    put(hdf, VideoTextInfo.TITLE, info.title(), text.title(), empty);
                    if (info.hasDescription()) {
                        put(hdf, VideoTextInfo.DESCRIPTION, info.description(), text.description(), empty);
                    }
                    if (!empty.isEmpty()) { // jhdf cannot write an empty string either
                        hdf.putAttribute(VideoTextInfo.EMPTY_FIELDS, String.join(",", empty));
                    }
                    hdf.putAttribute("tokenizer", "bert-base-uncased WordPiece (" + TextTokenizer.BUNDLED_MINILM + ")");
                }
            });
            return target;
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot write text info " + target + ": " + e.getMessage());
        }
    }

    private static void put(WritableHdfFile hdf, String field, long[] ids, String text, List<String> empty) {
        if (ids.length == 0) {
            empty.add(field); // jhdf cannot write an empty dataset
        } else {
            hdf.putDataset(field, ids);
        }
        if (!text.isEmpty()) {
            hdf.putAttribute(field + "_text", text);
        }
    }
}
