package sspvs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import sspvs.UserException;
import sspvs.data.VideoRecord;
import sspvs.text.TextTokenizer;
import sspvs.text.VideoText;
import sspvs.text.VideoTextInfoWriter;
import sspvs.text.VideoTextTable;

/** Writes the info_embed token files for the videos of a freshly built data set (text guidance input). */
final class TextInfoFiles {
    private TextInfoFiles() {}

    /**
     * Reads the table and checks it has a row for every video key, before anything is written (so a missing row
     * leaves neither a data file nor a partial folder of token files behind).
     */
    static Map<String, VideoText> readCovering(Path table, List<String> keys) {
        Map<String, VideoText> byKey = VideoTextTable.read(table).stream()
                .collect(Collectors.toMap(VideoText::video, Function.identity()));
        for (String key : keys) {
            if (!byKey.containsKey(key)) {
                throw new UserException("text table " + table + " has no row for video " + key);
            }
        }
        return byKey;
    }

    /** Tokenises each video's row (from {@link #readCovering}) into {@code <root>/<video>.h5}; returns how many. */
    static int write(Map<String, VideoText> byKey, Path root, List<VideoRecord> videos) {
        try (TextTokenizer tokenizer = TextTokenizer.bundledMiniLm()) {
            VideoTextInfoWriter writer = new VideoTextInfoWriter(tokenizer);
            for (VideoRecord v : videos) {
                writer.write(root, byKey.get(v.key()));
            }
        }
        return videos.size();
    }
}
