package sspvs.data;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import sspvs.UserException;
import sspvs.io.AtomicFiles;

/**
 * Writes {@link VideoRecord}s as an eccv16-layout HDF5 file that {@link Eccv16File} and h5py read: one group per
 * record key, float32 {@code features}/{@code gtscore}/{@code gtsummary}/{@code user_summary}/{@code user_scores},
 * int32 {@code change_points}/{@code n_frame_per_seg}/{@code picks}, scalar int32 {@code n_frames} and a
 * fixed-length {@code video_name} string (jhdf's writer is alpha; strings are fixed-length).
 *
 * <p>The file appears atomically: it is written to a temporary file in the same folder, then moved over the
 * target. Records are written as given (not validated) so that tests can make broken files on purpose.
 */
public final class Eccv16Writer {
    static {
        // jhdf warns "writing files is in alpha" on every file; our round-trip and h5py checks cover what we write,
        // so users need not see it. Must be set before jhdf's writer class creates its logger.
        String key = "org.slf4j.simpleLogger.log.io.jhdf.WritableHdfFile";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    private Eccv16Writer() {}

    /** Writes {@code records} to {@code out}, replacing it if present, with no metric attribute. */
    public static void write(Path out, List<VideoRecord> records) {
        write(out, records, null);
    }

    /**
     * Writes {@code records} to {@code out}, replacing it if present; {@code evalMetric} ({@code avg}/{@code max},
     * null for none) becomes the root attribute {@link Eccv16File#EVAL_METRIC_ATTRIBUTE} that evaluation honours.
     */
    public static void write(Path out, List<VideoRecord> records, String evalMetric) {
        Set<String> seen = new HashSet<>();
        for (VideoRecord r : records) {
            if (!seen.add(r.key())) {
                throw new IllegalArgumentException("duplicate video key " + r.key());
            }
        }
        try {
            AtomicFiles.replace(out, temp -> {
                try (WritableHdfFile hdf = HdfFile.write(temp)) {
                    if (evalMetric != null) {
                        hdf.putAttribute(Eccv16File.EVAL_METRIC_ATTRIBUTE, evalMetric);
                    }
                    for (VideoRecord r : records) {
                        writeGroup(hdf.putGroup(r.key()), r);
                    }
                }
            });
        } catch (IOException | io.jhdf.exceptions.HdfWritingException e) {
            // jhdf reports a read-only folder or a full disk as its own HdfWritingException, the cause inside
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().toString()
                    : e.getMessage();
            throw new UserException(out + ": cannot write (" + cause + ")", e);
        }
    }

    private static void writeGroup(WritableGroup g, VideoRecord r) {
        g.putDataset("features", r.features());
        g.putDataset("gtscore", r.gtscore());
        g.putDataset("gtsummary", r.gtsummary());
        g.putDataset("user_summary", r.userSummary());
        if (r.userScores() != null) {
            g.putDataset("user_scores", r.userScores());
        }
        g.putDataset("change_points", r.changePoints());
        g.putDataset("n_frame_per_seg", r.nFramePerSeg());
        g.putDataset("n_frames", r.nFrames());
        g.putDataset("picks", r.picks());
        if (r.name() != null && !r.name().isEmpty()) {
            g.putDataset("video_name", r.name());
        }
    }
}
