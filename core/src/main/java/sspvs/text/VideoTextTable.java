package sspvs.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sspvs.UserException;

/**
 * The per-video text that {@code sspvs dataset build --text} turns into {@code info_embed} token files.
 *
 * <p>Two layouts are read: TVSum's own {@code ydata-tvsum50-info.tsv} (recognised by its header, see
 * {@link TvSumText}) and a generic tab-separated table with the header {@code video category query title}
 * and an optional fifth column {@code description} (YTVT-style), one row per video key.
 */
public final class VideoTextTable {
    private static final String GENERIC_HEADER = "video\tcategory\tquery\ttitle";

    private VideoTextTable() {}

    public static List<VideoText> read(Path table) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("cannot read text table " + table + ": " + e.getMessage());
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("category\tvideo_id\ttitle")) {
            return TvSumText.readInfoTsv(table);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith(GENERIC_HEADER)) {
            throw new UserException("text table " + table + " must start with the header '"
                    + GENERIC_HEADER.replace("\t", "<TAB>") + "[<TAB>description]' or be TVSum's ydata-tvsum50-info.tsv");
        }
        boolean withDescription = lines.get(0).split("\t").length >= 5;
        List<VideoText> texts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cols = lines.get(i).split("\t", -1);
            int needed = withDescription ? 5 : 4;
            if (cols.length < needed) {
                throw new UserException("text table " + table + " line " + (i + 1) + ": expected " + needed
                        + " tab-separated columns, found " + cols.length);
            }
            String video = cols[0].trim();
            if (video.isEmpty() || !seen.add(video)) {
                throw new UserException("text table " + table + " line " + (i + 1) + ": "
                        + (video.isEmpty() ? "empty video key" : "video '" + video + "' listed twice"));
            }
            texts.add(new VideoText(video, cols[1].trim(), cols[2].trim(), cols[3].trim(),
                    withDescription ? cols[4].trim() : null));
        }
        return texts;
    }
}
