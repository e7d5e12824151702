package sspvs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import sspvs.UserException;
import sspvs.data.VideoRecord;
import sspvs.io.OutputFolders;
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

    /** The kind of output folder ({@link OutputFolders}) the token files make. */
    static final String KIND = "info-embed";

    /** The token files' names for these videos: a folder holding only those is an earlier build's output. */
    static Set<String> fileNames(List<String> keys) {
        return keys.stream().map(k -> k + ".h5").collect(Collectors.toSet());
    }

    /**
     * Tokenises each video's row (from {@link #readCovering}) into {@code <root>/<video>.h5}, the folder written
     * whole by {@link OutputFolders#replace} (a user's non-empty folder is refused); returns how many.
     */
    static int write(Map<String, VideoText> byKey, Path root, List<VideoRecord> videos) {
        OutputFolders.replace(root, KIND, fileNames(videos.stream().map(VideoRecord::key).toList()), temp -> {
            try (TextTokenizer tokenizer = TextTokenizer.bundledMiniLm()) {
                VideoTextInfoWriter writer = new VideoTextInfoWriter(tokenizer);
                for (VideoRecord v : videos) {
                    writer.write(temp, byKey.get(v.key()));
                }
            }
        });
        return videos.size();
    }
}
