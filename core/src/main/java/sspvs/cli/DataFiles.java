package sspvs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.UserException;
import sspvs.data.Eccv16File;
import sspvs.data.VideoRecord;

/** Reads every video of an eccv16 HDF5 file for the commands that evaluate whole files. */
final class DataFiles {
    /** A file's videos in its key order, with the dataset name that picks the default metric. */
    record Loaded(String datasetName, List<VideoRecord> videos) {}

    private DataFiles() {}

    /** Reads every video; the warnings about oddities go to {@code err} (the command's picocli error writer). */
    static Loaded readAll(Path file, java.io.PrintWriter err) {
        try (Eccv16File data = Eccv16File.open(file)) {
            List<VideoRecord> videos = new ArrayList<>();
            if (data.keys().isEmpty()) {
                throw new UserException(file + ": holds no videos (no video groups such as video_1; expected an "
                        + "eccv16-layout HDF5 file)");
            }
            for (String key : data.keys()) {
                videos.add(data.read(key));
            }
            // oddities the reference tolerates in real public files: say them once, don't fail
            data.warnings().forEach(w -> err.println("sspvs: warning: " + w));
            err.flush();
            return new Loaded(data.datasetName(), videos);
        }
    }
}
