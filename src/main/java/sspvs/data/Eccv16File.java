package sspvs.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.UserException;

/**
 * TEMPORARY minimal reader of an eccv16-layout HDF5 file, written on the {@code eval} branch only so the evaluation
 * commands compile and can be tested. The data helper's {@code sspvs.data.Eccv16File} (same API: {@link #open},
 * {@link #keys}, {@link #read}, {@link #datasetName}) replaces this file at merge. It does no validation beyond
 * what the evaluation needs.
 */
public final class Eccv16File implements AutoCloseable {
    private final Path path;
    private final HdfFile hdf;

    private Eccv16File(Path path, HdfFile hdf) {
        this.path = path;
        this.hdf = hdf;
    }

    public static Eccv16File open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UserException(path + ": no such file");
        }
        try {
            return new Eccv16File(path, new HdfFile(path));
        } catch (RuntimeException e) {
            throw new UserException(path + ": not a readable HDF5 file (" + e.getMessage() + ")", e);
        }
    }

    /** The file name without its extension, e.g. {@code eccv16_dataset_tvsum_google_pool5}. */
    public String datasetName() {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The video groups' names, in the file's order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Node node : hdf) {
            if (node.isGroup()) {
                keys.add(node.getName());
            }
        }
        return keys;
    }

    public VideoRecord read(String key) {
        try {
            if (!(hdf.getChild(key) instanceof io.jhdf.api.Group group)) {
                throw new UserException(path + ": no video " + key);
            }
            float[][] userScores = group.getChildren().containsKey("user_scores") ? floats2(key, "user_scores") : null;
            String name = group.getChildren().containsKey("video_name")
                    ? String.valueOf(scalar(data(key, "video_name"))) : "";
            return new VideoRecord(key, name, floats2(key, "features"), floats1(key, "gtscore"),
                    floats1(key, "gtsummary"), floats2(key, "user_summary"), userScores,
                    ints2(key, "change_points"), ints1(key, "n_frame_per_seg"),
                    ((Number) scalar(data(key, "n_frames"))).intValue(), ints1(key, "picks"));
        } catch (UserException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserException(path + ": video " + key + ": " + e.getMessage(), e);
        }
    }

    private Object data(String key, String field) {
        Node node = ((io.jhdf.api.Group) hdf.getChild(key)).getChildren().get(field);
        if (!(node instanceof Dataset dataset)) {
            throw new UserException(path + ": video " + key + " has no field " + field);
        }
        return dataset.getData();
    }

    private static Object scalar(Object o) {
        return o.getClass().isArray() ? Array.get(o, 0) : o;
    }

    private float[] floats1(String key, String field) {
        Object o = data(key, field);
        int n = Array.getLength(o);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(o, i)).floatValue();
        }
        return out;
    }

    private float[][] floats2(String key, String field) {
        Object o = data(key, field);
        if (o instanceof float[][] f) {
            return f;
        }
        int rows = Array.getLength(o);
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            Object row = Array.get(o, r);
            out[r] = new float[Array.getLength(row)];
            for (int i = 0; i < out[r].length; i++) {
                out[r][i] = ((Number) Array.get(row, i)).floatValue();
            }
        }
        return out;
    }

    private int[] ints1(String key, String field) {
        Object o = data(key, field);
        int n = Array.getLength(o);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(o, i)).intValue();
        }
        return out;
    }

    private int[][] ints2(String key, String field) {
        Object o = data(key, field);
        int rows = Array.getLength(o);
        int[][] out = new int[rows][];
        for (int r = 0; r < rows; r++) {
            Object row = Array.get(o, r);
            out[r] = new int[Array.getLength(row)];
            for (int i = 0; i < out[r].length; i++) {
                out[r][i] = ((Number) Array.get(row, i)).intValue();
            }
        }
        return out;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
