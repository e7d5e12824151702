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

    /** Tokenises the table's row of every built video into {@code <root>/<video>.h5}; returns how many. */
    static int write(Path table, Path root, List<VideoRecord> videos) {
        Map<String, VideoText> byKey = VideoTextTable.read(table).stream()
                .collect(Collectors.toMap(VideoText::video, Function.identity()));
        // check every video first, so a missing row leaves no partial folder of token files behind
        for (VideoRecord v : videos) {
            if (!byKey.containsKey(v.key())) {
                throw new UserException("text table " + table + " has no row for video " + v.key());
            }
        }
        try (TextTokenizer tokenizer = TextTokenizer.bundledMiniLm()) {
            VideoTextInfoWriter writer = new VideoTextInfoWriter(tokenizer);
            for (VideoRecord v : videos) {
                writer.write(root, byKey.get(v.key()));
            }
        }
        return videos.size();
    }
}
