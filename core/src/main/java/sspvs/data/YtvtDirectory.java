package sspvs.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;
import sspvs.io.Sha256;
import sspvs.text.VideoTextInfo;

/**
 * The YTVT pre-training data in the reference's layout, under one root folder:
 * <pre>
 *   features/&lt;id&gt;.h5         dataset "features" [T, 1024] (GoogLeNet pool5, 2 fps)
 *   info_embed/&lt;id&gt;.h5       datasets "cat", "query", "title", "description": word-piece ids
 *   list_file/train_list.json   JSON array of ids
 *   list_file/val_list.json     JSON array of ids
 * </pre>
 * (folder and list names as configured). {@link #open} checks that every listed video has both files before any
 * training starts, and says where YTVT comes from if something is missing.
 *
 * <p>Text is read once and kept; features are read when asked for and kept while they fit in a memory budget
 * (the full YTVT features are several GB).
 */
public final class YtvtDirectory implements VideoTextSource {
    static {
        // jhdf 0.13 warns on every file its own writer made (attribute padding; "writing is alpha"): nothing a
        // user can act on. Must be set before jhdf's classes create their loggers.
        for (String key : new String[] {"org.slf4j.simpleLogger.log.io.jhdf.object.message.Message",
                "org.slf4j.simpleLogger.log.io.jhdf.WritableHdfFile"}) {
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }

    /** Shown whenever something is missing. */
    public static final String WHERE_TO_GET_IT = String.join("\n",
            "Expected layout (keys feature_root, info_embed_root, train_list, val_list of the config):",
            "  features/<id>.h5          dataset 'features' [T, 1024] per video",
            "  info_embed/<id>.h5        datasets 'cat', 'query', 'title', 'description' (token ids) per video",
            "  list_file/train_list.json, list_file/val_list.json   JSON arrays of video ids",
            "YTVT (YTVT.zip, info_embed.zip) is on the SSPVS authors' figshare:",
            "  https://figshare.com/articles/journal_contribution/SSPVS/29979121");

    private static final int MAX_LISTED = 5;

    private final Path featureRoot;
    private final Path infoEmbedRoot;
    private final List<String> trainIds;
    private final List<String> valIds;
    private final Map<String, VideoTextInfo> texts = new HashMap<>();
    private final Map<String, float[][]> featureCache = new HashMap<>();
    private final long cacheBudgetFloats;
    private long cachedFloats;

    private YtvtDirectory(Path featureRoot, Path infoEmbedRoot, List<String> trainIds, List<String> valIds,
            long cacheBudgetBytes) {
        this.featureRoot = featureRoot;
        this.infoEmbedRoot = infoEmbedRoot;
        this.trainIds = List.copyOf(trainIds);
        this.valIds = List.copyOf(valIds);
        this.cacheBudgetFloats = cacheBudgetBytes / 4;
    }

    /**
     * Opens the data under {@code root}; the other paths are relative to it (or absolute). Checks that the folders,
     * the lists and every listed video's two files exist.
     *
     * @param cacheBudgetBytes how many bytes of features to keep in memory once read
     */
    public static YtvtDirectory open(Path root, String featureRoot, String infoEmbedRoot, String trainList,
            String valList, long cacheBudgetBytes) {
        if (!Files.isDirectory(root)) {
            throw new UserException("YTVT data folder " + root + " not found.\n" + WHERE_TO_GET_IT,
                    UserException.Remedy.SYNTHETIC_DATA);
        }
        Path features = root.resolve(featureRoot);
        Path info = root.resolve(infoEmbedRoot);
        for (Path dir : new Path[] {features, info}) {
            if (!Files.isDirectory(dir)) {
                throw new UserException("YTVT data folder " + root + " has no folder " + root.relativize(dir)
                        + ".\n" + WHERE_TO_GET_IT,
                    UserException.Remedy.SYNTHETIC_DATA);
            }
        }
        List<String> train = readList(root, root.resolve(trainList));
        List<String> val = readList(root, root.resolve(valList));
        if (train.isEmpty()) {
            throw new UserException("training list " + root.resolve(trainList) + " is empty");
        }
        if (new java.util.HashSet<>(train).size() < 2) {
            throw new UserException("training list " + root.resolve(trainList)
                    + " needs at least two different videos (unmatched pairs take another video's text)");
        }
        if (!val.isEmpty() && new java.util.HashSet<>(val).size() < 2) {
            throw new UserException("validation list " + root.resolve(valList)
                    + " needs at least two different videos (or none)");
        }
        YtvtDirectory dir = new YtvtDirectory(features, info, train, val, cacheBudgetBytes);
        dir.requireFiles(root.resolve(trainList), train);
        dir.requireFiles(root.resolve(valList), val);
        return dir;
    }

    /** Reads a JSON array of video ids. */
    public static List<String> readList(Path root, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserException("YTVT list file " + file + " not found.\n" + WHERE_TO_GET_IT,
                    UserException.Remedy.SYNTHETIC_DATA);
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException("YTVT list file " + file + " is not valid JSON: " + e.getMessage());
        }
        if (node == null || !node.isArray()) {
            throw new UserException("YTVT list file " + file + " must be a JSON array of video ids");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new UserException("YTVT list file " + file + ": entry " + n + " is not a video id");
            }
            ids.add(n.asText());
        }
        return ids;
    }

    private void requireFiles(Path listFile, List<String> ids) {
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (String id : ids) {
            for (Path f : new Path[] {featureFile(id), VideoTextInfo.fileOf(infoEmbedRoot, id)}) {
                if (!Files.isRegularFile(f)) {
                    count++;
                    if (missing.size() < MAX_LISTED) {
                        missing.add("  " + f);
                    }
                }
            }
        }
        if (count > 0) {
            throw new UserException(count + " file(s) of videos listed in " + listFile + " are missing, e.g.:\n"
                    + String.join("\n", missing) + "\n" + WHERE_TO_GET_IT,
                    UserException.Remedy.SYNTHETIC_DATA);
        }
    }

    /**
     * A fingerprint of the data a pre-training run reads, for refusing to resume on other data: the SHA-256 of
     * both lists in order and, per listed video, its two files' names and sizes. Sizes rather than contents,
     * because YTVT's feature files run to tens of gigabytes and a resume should not read them all first; a file
     * rewritten with other values of the same size is not noticed.
     */
    public String digest() {
        StringBuilder text = new StringBuilder();
        for (List<String> list : List.of(trainIds, valIds)) {
            text.append("list ").append(list.size()).append('\n');
            for (String id : list) {
                text.append(id);
                for (Path f : new Path[] {featureFile(id), VideoTextInfo.fileOf(infoEmbedRoot, id)}) {
                    try {
                        text.append(' ').append(f.getFileName()).append(' ').append(Files.size(f));
                    } catch (IOException e) {
                        throw new UserException("YTVT file " + f + " cannot be read: " + e.getMessage());
                    }
                }
                text.append('\n');
            }
        }
        return Sha256.ofText(text.toString());
    }

    private Path featureFile(String id) {
        return featureRoot.resolve(id + ".h5");
    }

    @Override
    public List<String> trainIds() {
        return trainIds;
    }

    @Override
    public List<String> valIds() {
        return valIds;
    }

    @Override
    public synchronized VideoTextInfo text(String video) {
        return texts.computeIfAbsent(video, id -> VideoTextInfo.read(infoEmbedRoot, id));
    }

    @Override
    public synchronized float[][] features(String video) {
        float[][] cached = featureCache.get(video);
        if (cached != null) {
            return cached;
        }
        float[][] f = readFeatures(featureFile(video), video);
        long size = (long) f.length * (f.length == 0 ? 0 : f[0].length);
        if (cachedFloats + size <= cacheBudgetFloats) {
            featureCache.put(video, f);
            cachedFloats += size;
        }
        return f;
    }

    /** Reads dataset {@code features} [T, d] of one per-video file. */
    static float[][] readFeatures(Path file, String video) {
        try (HdfFile hdf = new HdfFile(file)) {
            Node node = hdf.getChildren().get("features");
            if (!(node instanceof Dataset dataset)) {
                throw new UserException("features file " + file + " (video " + video + ") has no dataset 'features'");
            }
            Hdf5Arrays.Flat flat = Hdf5Arrays.read(dataset);
            if (flat.rank() != 2 || flat.dims()[0] < 1 || flat.dims()[1] < 1) {
                throw new UserException("features file " + file + " (video " + video + "): 'features' must be a "
                        + "non-empty [T, d] array, found shape " + java.util.Arrays.toString(flat.dims()));
            }
            int t = flat.dims()[0];
            int d = flat.dims()[1];
            float[][] out = new float[t][d];
            for (int i = 0; i < t; i++) {
                for (int j = 0; j < d; j++) {
                    float v = (float) flat.values()[i * d + j];
                    // as Eccv16File: NaN trains silently into a NaN checkpoint, huge values overflow the attention
                    if (!Float.isFinite(v) || Math.abs(v) > Eccv16File.MAX_FEATURE) {
                        throw new UserException("features file " + file + " (video " + video + "): row " + i
                                + " holds " + v + (Float.isFinite(v) ? " (features beyond +-" + Eccv16File.MAX_FEATURE
                                + " overflow the model's float arithmetic; scale them)" : " (features must be finite)"));
                    }
                    out[i][j] = v;
                }
            }
            return out;
        } catch (HdfException | IllegalArgumentException e) { // what a damaged or non-numeric file causes; a bug shows
            throw new UserException("cannot read features file " + file + " (video " + video + "): " + e.getMessage());
        }
    }
}
