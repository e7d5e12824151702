package sspvs.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.UserException;

/**
 * TVSum's text per video, from {@code ydata-tvsum50-info.tsv} (columns
 * {@code category video_id title url length}, videos in the order of the eccv16 keys
 * {@code video_1..video_50}).
 *
 * <p>TVSum's ten categories are the YouTube search queries its videos were collected with (Song et
 * al., "TVSum: Summarizing Web Videos Using Titles", CVPR 2015, Table 1); each video's category and
 * query text are that phrase. The reference's own TVSum text files are not public offline, so its
 * exact category strings are unknown: the phrase is the data set's own definition of the category.
 */
public final class TvSumText {
    /** The ten TVSum categories: two-letter code and the search phrase (Song et al., CVPR 2015). */
    public enum Category {
        VT("changing vehicle tire"),
        VU("getting vehicle unstuck"),
        GA("grooming an animal"),
        MS("making sandwich"),
        PK("parkour"),
        PR("parade"),
        FM("flash mob gathering"),
        BK("beekeeping"),
        BT("attempting bike tricks"),
        DS("dog show");

        private final String phrase;

        Category(String phrase) {
            this.phrase = phrase;
        }

        /** The search query, lower case (the tokenizer lower-cases anyway). */
        public String phrase() {
            return phrase;
        }

        /** The category of a code such as {@code VT}; null if unknown. */
        public static Category ofCode(String code) {
            for (Category c : values()) {
                if (c.name().equals(code)) {
                    return c;
                }
            }
            return null;
        }
    }

    private TvSumText() {}

    /** One {@link VideoText} per row, keyed {@code video_<row>} (1-based), without description. */
    public static List<VideoText> readInfoTsv(Path infoTsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(infoTsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("cannot read TVSum info " + infoTsv + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("category\tvideo_id\ttitle")) {
            throw new UserException("TVSum info " + infoTsv + " must start with the header 'category<TAB>video_id<TAB>title...'");
        }
        List<VideoText> texts = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 3) {
                throw new UserException("TVSum info " + infoTsv + " line " + (i + 1) + ": expected at least 3 tab-separated columns");
            }
            Category category = Category.ofCode(cols[0].trim());
            if (category == null) {
                throw new UserException("TVSum info " + infoTsv + " line " + (i + 1) + ": unknown category '" + cols[0] + "'");
            }
            texts.add(new VideoText("video_" + (texts.size() + 1), category.phrase(), category.phrase(), cols[2].trim()));
        }
        return texts;
    }
}
