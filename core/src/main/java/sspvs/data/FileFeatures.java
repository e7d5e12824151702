package sspvs.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import sspvs.UserException;

/**
 * Features read from an HDF5 file, in either of two layouts:
 *
 * <ul>
 *   <li>eccv16: a group per video ({@code video_N}) with {@code features} [T][D] and {@code picks} [T] — e.g. the
 *       public {@code eccv16_dataset_tvsum_google_pool5.h5}, to rebuild a file with fresh annotations;
 *   <li>per-video: a dataset [T][D] at the root named by the video's key ({@code video_N}) or name.
 * </ul>
 *
 * <p>When the source has {@code picks}, each requested frame takes the row of the last source pick at or before it
 * (so 1-frame differences in {@code n_frames} between releases do no harm), and the source must span the video
 * within one sampling step; otherwise the row counts must agree.
 */
public final class FileFeatures implements FeatureSource, AutoCloseable {
    private final Path file;
    private final HdfFile hdf;

    public FileFeatures(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such features file");
        }
        this.file = file;
        try {
            this.hdf = new HdfFile(file);
        } catch (HdfException | IllegalArgumentException e) {
            throw new UserException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public float[][] features(AnnotatedVideo video, int[] picks, float[] gtscore) {
        Dataset data = null;
        int[] sourcePicks = null;
        Node byKey = hdf.getChildren().get(video.key());
        if (byKey instanceof Group g && g.getChildren().get("features") instanceof Dataset f) {
            data = f;
            if (g.getChildren().get("picks") instanceof Dataset p) {
                sourcePicks = toInts(Hdf5Arrays.toDoubles(p.getDataFlat()));
            }
        } else if (byKey instanceof Dataset d) {
            data = d;
        } else if (hdf.getChildren().get(video.name()) instanceof Dataset d) {
            data = d;
        }
        String where = file + ": video " + video.key() + " (" + video.name() + ")";
        if (data == null) {
            throw new UserException(where + ": no features (looked for group " + video.key() + "/features, dataset "
                    + video.key() + ", dataset " + video.name() + ")");
        }
        int[] dims = data.getDimensions();
        if (dims.length != 2 || dims[0] == 0 || dims[1] == 0) {
            throw new UserException(where + ": features have shape " + java.util.Arrays.toString(dims)
                    + "; expected [steps, dim]");
        }
        double[] flat;
        try {
            flat = Hdf5Arrays.toDoubles(data.getDataFlat());
        } catch (IllegalArgumentException e) {
            throw new UserException(where + ": features " + e.getMessage());
        }
        int rows = dims[0];
        int dim = dims[1];
        int[] rowOf = new int[picks.length];
        if (sourcePicks != null) {
            if (sourcePicks.length != rows) {
                throw new UserException(where + ": " + rows + " feature rows but " + sourcePicks.length + " picks");
            }
            requireSameLength(where, sourcePicks, video.nFrames());
            int j = 0;
            for (int i = 0; i < picks.length; i++) {
                while (j + 1 < rows && sourcePicks[j + 1] <= picks[i]) j++;
                rowOf[i] = j;
            }
        } else {
            if (rows != picks.length) {
                throw new UserException(where + ": " + rows + " feature rows, but the video has " + picks.length
                        + " sampled frames (every " + DatasetBuilder.SUBSAMPLE + "th of " + video.nFrames()
                        + "); add a picks dataset or resample");
            }
            for (int i = 0; i < picks.length; i++) rowOf[i] = i;
        }
        float[][] out = new float[picks.length][dim];
        for (int i = 0; i < picks.length; i++) {
            int base = rowOf[i] * dim;
            for (int d = 0; d < dim; d++) {
                double v = flat[base + d];
                if (!Double.isFinite(v)) {
                    throw new UserException(where + ": features row " + rowOf[i] + " holds " + v);
                }
                out[i][d] = (float) v;
            }
        }
        return out;
    }

    /**
     * Refuses features of another cut of the video: rows would otherwise be copied past the source's end (670 of
     * 707 rows of one video were copies of its last row) or dropped. A difference within one sampling step, as
     * between releases of the same data, is accepted.
     */
    private static void requireSameLength(String where, int[] sourcePicks, int nFrames) {
        int last = sourcePicks[sourcePicks.length - 1];
        int step = sourcePicks.length > 1 ? Math.max(1, sourcePicks[1] - sourcePicks[0]) : DatasetBuilder.SUBSAMPLE;
        int covered = last + step; // frames 0..covered-1 have a row of their own
        if (nFrames > covered || last >= nFrames + step) {
            throw new UserException(where + ": the features cover about " + covered + " frames but the video has "
                    + nFrames + "; they are not this video's features (refusing to pad or cut them)");
        }
    }

    private static int[] toInts(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
