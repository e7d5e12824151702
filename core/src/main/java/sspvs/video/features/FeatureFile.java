package sspvs.video.features;

import sspvs.data.Shots;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import io.jhdf.exceptions.HdfInvalidPathException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import sspvs.UserException;
import sspvs.data.Eccv16Writer;
import sspvs.io.AtomicFiles;

/**
 * The reusable features file {@code sspvs summarize} writes ({@code features.h5}): one video in the eccv16 layout's
 * names, without the human annotations an eccv16 file requires (a single user's video has none).
 *
 * <p>Layout: group {@value #GROUP} with {@code features} float32 [T][D], {@code picks} int32 [T], {@code n_frames}
 * int32 scalar, {@code change_points} int32 [S][2] and {@code n_frame_per_seg} int32 [S] (the KTS shots, when
 * known), {@code video_name}; and, beyond eccv16, {@code sample_times} float64 [T] (seconds), {@code fps} float64,
 * {@code video_sha256}, {@code feature_extractor}, {@code feature_extractor_sha256} and {@code format}
 * ({@value #FORMAT}). Tools that read eccv16 features by {@code video_N/features} + {@code picks} (h5py,
 * {@code sspvs dataset build --features}) read it as is. Written atomically.
 */
public final class FeatureFile {
    /** The group holding the video. */
    public static final String GROUP = "video_1";
    /** Version tag of this layout. */
    public static final String FORMAT = "sspvs-features 1";

    static {
        try {
            Class.forName(Eccv16Writer.class.getName()); // quiets jhdf's "writing is alpha" warning
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the file holds: the features and, when stored, the shots. */
    public record Contents(VideoFeatures features, Shots shotsOrNull) {}

    private FeatureFile() {}

    /** Writes {@code f} (and the shots, or null) to {@code out}, replacing it. */
    public static void write(Path out, VideoFeatures f, Shots shots) {
        java.util.List<Shots> s = new java.util.ArrayList<>();
        s.add(shots);
        writeAll(out, java.util.List.of(f), s);
    }

    /**
     * Writes several videos, as groups {@code video_1 .. video_N} in the given order (what
     * {@code sspvs dataset build --videos} writes for videos without annotations); {@link #read} reads the
     * first.
     */
    public static void writeAll(Path out, java.util.List<VideoFeatures> videos, java.util.List<Shots> shotsOrNulls) {
        try {
            AtomicFiles.replace(out, temp -> {
                try (WritableHdfFile hdf = HdfFile.write(temp)) {
                    for (int i = 0; i < videos.size(); i++) {
                        VideoFeatures f = videos.get(i);
                        Shots shots = shotsOrNulls.get(i);
                        WritableGroup g = hdf.putGroup("video_" + (i + 1));
                        g.putDataset("features", f.features());
                        g.putDataset("picks", f.picks());
                        g.putDataset("n_frames", f.nFrames());
                        if (shots != null) {
                            g.putDataset("change_points", shots.changePoints());
                            g.putDataset("n_frame_per_seg", shots.nFramePerSeg());
                        }
                        g.putDataset("video_name", nonEmpty(f.videoName()));
                        g.putDataset("sample_times", f.sampleTimes());
                        g.putDataset("fps", f.fps());
                        g.putDataset("video_sha256", nonEmpty(f.videoSha256()));
                        g.putDataset("feature_extractor", nonEmpty(f.extractor()));
                        g.putDataset("feature_extractor_sha256", nonEmpty(f.extractorSha256()));
                        g.putDataset("format", FORMAT);
                    }
                }
            });
        } catch (IOException | HdfException e) { // a full disk, no permission, what jhdf cannot write; not a bug
            throw new UserException(out + ": cannot write the features file (" + e.getMessage() + ")", e);
        }
    }

    // jhdf cannot write an empty string
    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    private static String orEmpty(String s) {
        return "-".equals(s) ? "" : s;
    }

    /** Reads a file {@link #write} made; anything else is a {@link UserException} naming the file and field. */
    public static Contents read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException(file + ": features file not found");
        }
        try (HdfFile hdf = HdfReads.read(file, () -> new HdfFile(file))) {
            Node group = HdfReads.read(file, () -> hdf.getChildren().get(GROUP));
            if (group == null) {
                throw new UserException(file + ": not a features file written by sspvs summarize (no group '"
                        + GROUP + "')");
            }
            float[][] features = floatMatrix(file, hdf, "features");
            if (features.length == 0 || features[0].length == 0) {
                throw new UserException(file + ": field 'features' is empty");
            }
            int[] picks = ints(file, hdf, "picks");
            int nFrames = (int) number(file, hdf, "n_frames");
            double[] times = doubles(file, hdf, "sample_times");
            double fps = number(file, hdf, "fps");
            if (picks.length != features.length || times.length != features.length) {
                throw new UserException(file + ": " + features.length + " feature rows but " + picks.length
                        + " picks and " + times.length + " sample times");
            }
            for (int i = 0; i < picks.length; i++) {
                if (picks[i] < 0 || picks[i] >= nFrames || i > 0 && picks[i] < picks[i - 1]) {
                    throw new UserException(file + ": field 'picks' entry " + i + " (" + picks[i]
                            + ") is not an ascending frame index below n_frames " + nFrames);
                }
            }
            Shots shots = null;
            if (exists(file, hdf, "change_points")) {
                int[][] cps = intMatrix(file, hdf, "change_points");
                int[] lengths = ints(file, hdf, "n_frame_per_seg");
                for (int[] row : cps) {
                    if (row.length != 2) {
                        throw new UserException(file + ": field 'change_points' is not a [shots][2] array");
                    }
                }
                Shots.check(cps, nFrames, file + ": field 'change_points'");
                if (lengths.length != cps.length) {
                    throw new UserException(file + ": " + cps.length + " change_points but " + lengths.length
                            + " n_frame_per_seg");
                }
                shots = new Shots(cps, lengths);
            }
            VideoFeatures f = new VideoFeatures(orEmpty(string(file, hdf, "video_name")),
                    orEmpty(string(file, hdf, "video_sha256")), features, picks, times, nFrames, fps,
                    orEmpty(string(file, hdf, "feature_extractor")),
                    orEmpty(string(file, hdf, "feature_extractor_sha256")));
            return new Contents(f, shots);
        }
    }

    private static boolean exists(Path file, HdfFile hdf, String field) {
        return datasetOrNull(file, hdf, field) != null;
    }

    private static Dataset datasetOrNull(Path file, HdfFile hdf, String field) {
        return HdfReads.read(file, () -> {
            try {
                return hdf.getDatasetByPath(GROUP + "/" + field);
            } catch (HdfInvalidPathException e) {
                return null;
            }
        });
    }

    private static Object data(Path file, HdfFile hdf, String field) {
        Dataset d = datasetOrNull(file, hdf, field);
        if (d == null) {
            throw new UserException(file + ": field '" + field + "' is missing");
        }
        return HdfReads.read(file, d::getData);
    }

    /** A stored integer as an int; a value beyond int range is the file's problem, not an overflow of ours. */
    private static int toInt(Path file, String field, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new UserException(file + ": field '" + field + "' holds " + value + ", beyond the int range");
        }
        return (int) value;
    }

    private static float[][] floatMatrix(Path file, HdfFile hdf, String field) {
        Object o = data(file, hdf, field);
        if (o instanceof float[][] m) {
            return m;
        }
        if (o instanceof double[][] m) {
            float[][] out = new float[m.length][];
            for (int i = 0; i < m.length; i++) {
                out[i] = new float[m[i].length];
                for (int j = 0; j < m[i].length; j++) {
                    out[i][j] = (float) m[i][j];
                }
            }
            return out;
        }
        throw new UserException(file + ": field '" + field + "' is not a 2-d float array");
    }

    private static int[][] intMatrix(Path file, HdfFile hdf, String field) {
        Object o = data(file, hdf, field);
        if (o instanceof int[][] m) {
            return m;
        }
        if (o instanceof long[][] m) {
            int[][] out = new int[m.length][];
            for (int i = 0; i < m.length; i++) {
                out[i] = java.util.Arrays.stream(m[i]).mapToInt(v -> toInt(file, field, v)).toArray();
            }
            return out;
        }
        throw new UserException(file + ": field '" + field + "' is not a 2-d integer array");
    }

    private static int[] ints(Path file, HdfFile hdf, String field) {
        Object o = data(file, hdf, field);
        if (o instanceof int[] a) {
            return a;
        }
        if (o instanceof long[] a) {
            return java.util.Arrays.stream(a).mapToInt(v -> toInt(file, field, v)).toArray();
        }
        throw new UserException(file + ": field '" + field + "' is not an integer vector");
    }

    private static double[] doubles(Path file, HdfFile hdf, String field) {
        Object o = data(file, hdf, field);
        if (o instanceof double[] a) {
            return a;
        }
        if (o instanceof float[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new UserException(file + ": field '" + field + "' is not a float vector");
    }

    private static double number(Path file, HdfFile hdf, String field) {
        Object o = data(file, hdf, field);
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o != null && o.getClass().isArray() && Array.getLength(o) == 1 && Array.get(o, 0) instanceof Number n) {
            return n.doubleValue();
        }
        throw new UserException(file + ": field '" + field + "' is not a number");
    }

    private static String string(Path file, HdfFile hdf, String field) {
        Object o = data(file, hdf, field);
        if (o instanceof String s) {
            return s.trim();
        }
        if (o instanceof String[] a && a.length == 1) {
            return a[0].trim();
        }
        throw new UserException(file + ": field '" + field + "' is not text");
    }
}
