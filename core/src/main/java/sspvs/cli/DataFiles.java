package sspvs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.data.Eccv16File;
import sspvs.data.VideoRecord;

/** Reads every video of an eccv16 HDF5 file for the commands that evaluate whole files. */
final class DataFiles {
    /** A file's videos in its key order, with the dataset name that picks the default metric. */
    record Loaded(String datasetName, List<VideoRecord> videos) {}

    private DataFiles() {}

    static Loaded readAll(Path file) {
        try (Eccv16File data = Eccv16File.open(file)) {
            List<VideoRecord> videos = new ArrayList<>();
            for (String key : data.keys()) {
                videos.add(data.read(key));
            }
            // oddities the reference tolerates in real public files: say them once, don't fail
            data.warnings().forEach(w -> System.err.println("sspvs: warning: " + w));
            return new Loaded(data.datasetName(), videos);
        }
    }
}
