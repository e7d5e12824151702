package sspvs.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sspvs.UserException;

/**
 * An open eccv16-layout HDF5 file: one group {@code video_N} per video holding {@code features},
 * {@code gtscore}, {@code gtsummary}, {@code user_summary}, optional {@code user_scores}, {@code change_points},
 * {@code n_frame_per_seg}, {@code n_frames}, {@code picks} and optional {@code video_name}.
 *
 * <p>This is the layout of K. Zhou's public conversion of the ECCV'16 data ({@code eccv16_dataset_*_google_pool5.h5})
 * and of the SSPVS authors' {@code tvsum.h5}/{@code summe.h5}. Numeric fields are accepted in any numeric type.
 * {@link #read} checks what the computation relies on (shapes agree, picks ascending and inside the video,
 * change points inside the video and ordered, finite features) and throws a {@link UserException} naming the
 * file, video and field otherwise. Oddities that the public files contain and the reference tolerates are
 * collected as {@link #warnings()} instead.
 *
 * <p>Life-cycle: {@link #open} → {@link #keys()} / {@link #read} → {@link #close()} (try-with-resources).
 */
public final class Eccv16File implements AutoCloseable {
    static {
        // jhdf 0.13 logs "buffer still has 3 bytes remaining" at WARN for every file its own writer made: padding,
        // not a problem for users. Must be set before jhdf's Message class creates its logger.
        String key = "org.slf4j.simpleLogger.log.io.jhdf.object.message.Message";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    /** Root attribute naming how F-scores over users combine for this file: avg or max. */
    public static final String EVAL_METRIC_ATTRIBUTE = "eval_metric";

    private final Path file;
    private final HdfFile hdf;
    /**
     * The largest feature magnitude accepted: pretrained CNN features are O(1-10); far larger values overflow the
     * attention's float32 products and end training in NaN, far from the cause.
     */
    public static final float MAX_FEATURE = 1e6f;

    private final List<String> warnings = new ArrayList<>();

    private Eccv16File(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
    }

    /** Opens {@code file}; a missing file or one that is not HDF5 is a {@link UserException}. */
    public static Eccv16File open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": no such file (expected an eccv16-layout HDF5 file)");
        }
        try {
            return new Eccv16File(file, new HdfFile(file));
        } catch (HdfException | IllegalArgumentException e) {
            throw new UserException(file + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    public Path path() {
        return file;
    }

    /** The metric {@code dataset build} recorded ({@code avg} or {@code max}, unchecked); null when absent. */
    public String evalMetricAttribute() {
        try {
            io.jhdf.api.Attribute a = hdf.getAttribute(EVAL_METRIC_ATTRIBUTE);
            return a == null ? null : String.valueOf(a.getData()).trim();
        } catch (HdfException e) {
            throw new UserException(file + ": cannot read attribute '" + EVAL_METRIC_ATTRIBUTE + "' ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * The data set a file holds, from its name: {@code tvsum} for {@code tvsum.h5} and for
     * {@code eccv16_dataset_tvsum_google_pool5.h5}; otherwise the file name without its extension.
     */
    public String datasetName() {
        return datasetName(file);
    }

    /** See {@link #datasetName()}. */
    public static String datasetName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String prefix = "eccv16_dataset_";
        String suffix = "_google_pool5";
        if (stem.startsWith(prefix) && stem.endsWith(suffix) && stem.length() > prefix.length() + suffix.length()) {
            return stem.substring(prefix.length(), stem.length() - suffix.length());
        }
        return stem;
    }

    /** The video groups, in natural order ({@code video_2} before {@code video_10}). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        try {
            for (Node node : hdf) {
                if (node.isGroup()) {
                    keys.add(node.getName());
                }
            }
        } catch (HdfException e) {
            throw new UserException(file + ": cannot list the videos (" + e.getMessage() + ")", e);
        }
        keys.sort(VideoKeys.NATURAL_ORDER);
        return keys;
    }

    public boolean contains(String key) {
        Node node = child(key);
        return node != null && node.isGroup();
    }

    /** Reads and checks one video; a missing key or a bad field is a {@link UserException}. */
    public VideoRecord read(String key) {
        Node node = child(key);
        if (node == null || !node.isGroup()) {
            throw new UserException(file + ": no video '" + key + "' (the file has " + keys().size()
                    + " videos: " + VideoKeys.abbreviate(keys()) + ")");
        }
        try {
            return new GroupReader(file, key, (Group) node, warnings).read();
        } catch (HdfException e) {
            throw new UserException(file + ": video " + key + ": unreadable (" + e.getMessage() + ")", e);
        }
    }

    /** Problems the public files have and that we tolerate, one line each, in the order met. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    @Override
    public void close() {
        hdf.close();
    }

    private Node child(String key) {
        try {
            return hdf.getChildren().get(key);
        } catch (HdfException e) {
            throw new UserException(file + ": cannot list the videos (" + e.getMessage() + ")", e);
        }
    }

    /** Reads the fields of one group and checks them; every message names file, video and field. */
    private static final class GroupReader {
        private final Path file;
        private final String key;
        private final Group group;
        private final List<String> warnings;

        GroupReader(Path file, String key, Group group, List<String> warnings) {
            this.file = file;
            this.key = key;
            this.group = group;
            this.warnings = warnings;
        }

        VideoRecord read() {
            float[][] features = matrix("features");
            int steps = features.length;
            if (steps == 0 || features[0].length == 0) {
                throw bad("features", "is empty (shape [" + steps + ", " + (steps == 0 ? 0 : features[0].length) + "])");
            }
            for (int t = 0; t < steps; t++) {
                for (float v : features[t]) {
                    if (!Float.isFinite(v)) {
                        throw bad("features", "row " + t + " holds " + v + " (features must be finite)");
                    }
                    if (Math.abs(v) > MAX_FEATURE) {
                        throw bad("features", "row " + t + " holds " + v + " (features beyond +-" + MAX_FEATURE
                                + " overflow the model's float arithmetic; scale them)");
                    }
                }
            }
            int nFrames = (int) integral("n_frames", scalar("n_frames"), 0);
            if (nFrames <= 0) {
                throw bad("n_frames", "is " + nFrames + " (must be positive)");
            }
            int[] picks = ints(vector("picks"), "picks");
            requireLength("picks", picks.length, steps, "the rows of features");
            for (int i = 0; i < picks.length; i++) {
                if (picks[i] < 0 || picks[i] >= nFrames) {
                    throw bad("picks", "entry " + i + " is " + picks[i] + ", outside 0.." + (nFrames - 1) + " (n_frames "
                            + nFrames + ")");
                }
                if (i > 0 && picks[i] <= picks[i - 1]) {
                    throw bad("picks", "not ascending at entry " + i + " (" + picks[i - 1] + " then " + picks[i] + ")");
                }
            }
            float[] gtscore = floats(vector("gtscore"));
            requireLength("gtscore", gtscore.length, steps, "the rows of features");
            requireFinite("gtscore", new float[][] {gtscore});
            if (allZero(gtscore)) {
                throw bad("gtscore", "is all zero (no step is important: nothing to train on or rank)");
            }
            float[] gtsummary = floats(vector("gtsummary"));
            requireLength("gtsummary", gtsummary.length, steps, "the rows of features");
            float[][] userSummary = matrix("user_summary");
            requireWidth("user_summary", userSummary, nFrames);
            requireBinary("user_summary", userSummary);
            float[][] userScores = null;
            if (has("user_scores")) {
                userScores = matrix("user_scores");
                requireWidth("user_scores", userScores, nFrames);
                requireFinite("user_scores", userScores);
            }
            int[][] changePoints = changePoints(nFrames);
            int[] nFramePerSeg = ints(vector("n_frame_per_seg"), "n_frame_per_seg");
            requireLength("n_frame_per_seg", nFramePerSeg.length, changePoints.length, "the rows of change_points");
            for (int s = 0; s < nFramePerSeg.length; s++) {
                int span = changePoints[s][1] - changePoints[s][0] + 1;
                if (nFramePerSeg[s] < 0) {
                    throw bad("n_frame_per_seg", "entry " + s + " is negative (" + nFramePerSeg[s] + ")");
                }
                if (nFramePerSeg[s] != span) {
                    warn("n_frame_per_seg", "entry " + s + " is " + nFramePerSeg[s] + " but change_points spans " + span
                            + " frames (the reference uses n_frame_per_seg as the knapsack weight)");
                }
            }
            return new VideoRecord(key, videoName(), features, gtscore, gtsummary, userSummary, userScores, changePoints,
                    nFramePerSeg, nFrames, picks);
        }

        private int[][] changePoints(int nFrames) {
            Hdf5Arrays.Flat flat = flat("change_points");
            int[] dims = flat.dims();
            if (dims.length != 2 || dims[1] != 2 || dims[0] == 0) {
                throw bad("change_points", "has shape " + shape(dims) + "; expected [segments, 2] (inclusive start, end)");
            }
            int[][] cps = new int[dims[0]][2];
            for (int s = 0; s < dims[0]; s++) {
                int start = (int) integral("change_points", flat.values()[2 * s], s);
                int end = (int) integral("change_points", flat.values()[2 * s + 1], s);
                if (start < 0 || start > end) {
                    throw bad("change_points", "segment " + s + " is [" + start + ", " + end + "] (need 0 <= start <= end)");
                }
                if (end >= nFrames) {
                    // one frame past the end appears in converted files; numpy slicing clips it silently
                    if (end > nFrames || start >= nFrames) {
                        throw bad("change_points", "segment " + s + " is [" + start + ", " + end
                                + "], beyond the last frame " + (nFrames - 1));
                    }
                    warn("change_points", "segment " + s + " ends at " + end + ", one past the last frame; clipped");
                    end = nFrames - 1;
                }
                if (s > 0 && start <= cps[s - 1][1]) {
                    if (start < cps[s - 1][0]) {
                        throw bad("change_points", "segments out of order at " + s + " ([" + cps[s - 1][0] + ", "
                                + cps[s - 1][1] + "] then [" + start + ", " + end + "])");
                    }
                    warn("change_points", "segment " + s + " overlaps the previous one");
                } else if (s > 0 && start > cps[s - 1][1] + 1) {
                    warn("change_points", "frames " + (cps[s - 1][1] + 1) + ".." + (start - 1) + " lie in no segment");
                }
                cps[s][0] = start;
                cps[s][1] = end;
            }
            if (cps[0][0] > 0) {
                warn("change_points", "the first segment starts at frame " + cps[0][0]);
            }
            int last = cps[cps.length - 1][1];
            if (last < nFrames - 1) {
                warn("change_points", "the last segment ends at frame " + last + ", before the last frame " + (nFrames - 1));
            }
            return cps;
        }

        private String videoName() {
            if (!has("video_name")) {
                return "";
            }
            Object data = dataset("video_name").getData();
            if (data instanceof String s) {
                return s.trim();
            }
            if (data instanceof String[] a && a.length > 0) {
                return a[0].trim();
            }
            if (data instanceof byte[] b) {
                return new String(b, java.nio.charset.StandardCharsets.UTF_8).trim();
            }
            warn("video_name", "is not a string; ignored");
            return "";
        }

        private boolean has(String field) {
            Node node = group.getChildren().get(field);
            return node != null && !node.isGroup();
        }

        private Dataset dataset(String field) {
            Node node = group.getChildren().get(field);
            if (node == null) {
                throw bad(field, "is missing");
            }
            if (node.isGroup()) {
                throw bad(field, "is a group, expected a dataset");
            }
            return (Dataset) node;
        }

        private Hdf5Arrays.Flat flat(String field) {
            try {
                return Hdf5Arrays.read(dataset(field));
            } catch (IllegalArgumentException e) {
                throw bad(field, e.getMessage());
            }
        }

        private double scalar(String field) {
            Hdf5Arrays.Flat flat = flat(field);
            if (flat.values().length != 1) {
                throw bad(field, "has shape " + shape(flat.dims()) + "; expected a scalar");
            }
            return flat.values()[0];
        }

        /** A 1-D field; [T,1] and [1,T] are accepted as well (MATLAB-made files). */
        private double[] vector(String field) {
            Hdf5Arrays.Flat flat = flat(field);
            int[] d = flat.dims();
            boolean ok = d.length == 1 || (d.length == 2 && (d[0] == 1 || d[1] == 1));
            if (!ok) {
                throw bad(field, "has shape " + shape(d) + "; expected one dimension");
            }
            return flat.values();
        }

        private float[][] matrix(String field) {
            Hdf5Arrays.Flat flat = flat(field);
            int[] d = flat.dims();
            if (d.length != 2) {
                throw bad(field, "has shape " + shape(d) + "; expected two dimensions");
            }
            float[][] out = new float[d[0]][d[1]];
            double[] v = flat.values();
            for (int r = 0; r < d[0]; r++) {
                for (int c = 0; c < d[1]; c++) {
                    out[r][c] = (float) v[r * d[1] + c];
                }
            }
            return out;
        }

        private int[] ints(double[] values, String field) {
            int[] out = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (int) integral(field, values[i], i);
            }
            return out;
        }

        private long integral(String field, double v, int index) {
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw bad(field, "entry " + index + " is " + v + "; expected a whole number");
            }
            return (long) v;
        }

        private static float[] floats(double[] values) {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
            return out;
        }

        private void requireLength(String field, int actual, int expected, String what) {
            if (actual != expected) {
                throw bad(field, "has " + actual + " entries but " + what + " number " + expected);
            }
        }

        private void requireWidth(String field, float[][] m, int nFrames) {
            if (m.length == 0) {
                throw bad(field, "has no users");
            }
            if (m[0].length != nFrames) {
                throw bad(field, "has shape [" + m.length + ", " + m[0].length + "]; expected [users, n_frames] with n_frames "
                        + nFrames);
            }
        }

        private void requireFinite(String field, float[][] m) {
            for (int r = 0; r < m.length; r++) {
                for (int c = 0; c < m[r].length; c++) {
                    if (!Float.isFinite(m[r][c])) {
                        throw bad(field, (m.length == 1 ? "entry " + c : "row " + r + ", entry " + c) + " is "
                                + m[r][c] + " (must be finite)");
                    }
                }
            }
        }

        /** A user summary marks the frames each user chose: 0 or 1; a summary where nobody chose anything is said. */
        private void requireBinary(String field, float[][] m) {
            boolean anyChosen = false;
            for (int u = 0; u < m.length; u++) {
                for (int f = 0; f < m[u].length; f++) {
                    float v = m[u][f];
                    if (v != 0 && v != 1) {
                        throw bad(field, "user " + u + ", frame " + f + " is " + v + " (expected 0 or 1)");
                    }
                    anyChosen |= v == 1;
                }
            }
            if (!anyChosen) { // too short for one shot at 15%: built files have it; evaluation scores 0 there
                warn(field, "is all zero (no user chose any frame: its F-scores are 0)");
            }
        }

        private static boolean allZero(float[] v) {
            for (float x : v) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }

        private static String shape(int[] dims) {
            return java.util.Arrays.toString(dims);
        }

        private UserException bad(String field, String problem) {
            return new UserException(file + ": video " + key + ", field '" + field + "' " + problem);
        }

        private void warn(String field, String problem) {
            warnings.add(file.getFileName() + ": video " + key + ", field '" + field + "' " + problem);
        }
    }
}
