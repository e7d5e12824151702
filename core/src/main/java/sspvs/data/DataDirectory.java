package sspvs.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import sspvs.UserException;

/**
 * A data folder in the reference's layout ({@code data/}): {@code tvsum.h5} and {@code summe.h5} (the SSPVS
 * authors' files, with {@code user_scores}) and {@code eccv16_dataset_<set>_google_pool5.h5} (K. Zhou's public
 * conversion) for the other sets. It resolves split-file keys to videos:
 *
 * <ul>
 *   <li>{@code eccv16_dataset_<set>_google_pool5/video_N}: set {@code summe}/{@code tvsum} → {@code <set>.h5}
 *       (falling back to {@code eccv16_dataset_<set>_google_pool5.h5} when absent), any other set →
 *       {@code eccv16_dataset_<set>_google_pool5.h5};
 *   <li>{@code video_N}: the canonical file, given by {@link #of(Path, String)}'s set or {@link #ofFile(Path)}.
 * </ul>
 *
 * <p>Files are opened on first use and kept open until {@link #close()}.
 */
public final class DataDirectory implements AutoCloseable {
    /** Where users get the files; shown whenever something is missing. */
    public static final String WHERE_TO_GET_THEM = String.join("\n",
            "  - tvsum.h5 and summe.h5 (with user_scores, used for Kendall/Spearman): the SSPVS authors' data.zip,",
            "    https://figshare.com/articles/journal_contribution/SSPVS/29979121 (unzip into this folder);",
            "  - eccv16_dataset_{summe,tvsum,ovp,youtube}_google_pool5.h5: K. Zhou's public release of the ECCV'16",
            "    features (datasets.tar.gz, linked from https://github.com/KaiyangZhou/pytorch-vsumm-reinforce);");

    private final Path root;
    private final String canonicalSet;
    private final Path canonicalFile;
    private final Map<Path, Eccv16File> open = new HashMap<>();

    private DataDirectory(Path root, String canonicalSet, Path canonicalFile) {
        this.root = root;
        this.canonicalSet = canonicalSet;
        this.canonicalFile = canonicalFile;
    }

    /** A data folder whose plain {@code video_N} keys belong to {@code canonicalSet} (null: plain keys are errors). */
    public static DataDirectory of(Path root, String canonicalSet) {
        if (!Files.isDirectory(root)) {
            throw new UserException(root + ": no such data folder. It should hold:\n" + WHERE_TO_GET_THEM,
                    UserException.Remedy.BUILD_DATA);
        }
        return new DataDirectory(root, canonicalSet, null);
    }

    /** Like {@link #of}, with the canonical set taken from a split file's name ({@code tvsum_…json}, {@code summe_…}). */
    public static DataDirectory forSplitFile(Path root, Path splitFile) {
        String name = splitFile.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        String set = name.startsWith("tvsum") ? "tvsum" : name.startsWith("summe") ? "summe" : null;
        return of(root, set);
    }

    /** Plain keys resolve against {@code file}; prefixed keys against the files beside it. */
    public static DataDirectory ofFile(Path file) {
        Path abs = file.toAbsolutePath();
        return new DataDirectory(abs.getParent(), Eccv16File.datasetName(abs), abs);
    }

    public Path root() {
        return root;
    }

    /** The file that holds {@code splitKey}'s video (it may not exist yet). */
    public Path fileFor(String splitKey) {
        return fileForSet(SplitKey.parse(splitKey, "data folder " + root).set());
    }

    /** Reads (and checks) the video of {@code splitKey}; files stay open for the next call. */
    public VideoRecord read(String splitKey) {
        SplitKey key = SplitKey.parse(splitKey, "data folder " + root);
        return file(fileForSet(key.set())).read(key.videoKey());
    }

    /**
     * Checks up-front that every key of {@code splits} exists, so a run fails before training rather than midway.
     * The message lists the missing files (and where to get them) or the missing videos per file.
     */
    public void requireAll(Path splitFile, List<Split> splits) {
        Set<String> all = new LinkedHashSet<>();
        for (Split s : splits) {
            all.addAll(s.trainKeys());
            all.addAll(s.testKeys());
        }
        requireKeys(splitFile.toString(), all);
    }

    /** See {@link #requireAll}; {@code source} names where the keys came from. */
    public void requireKeys(String source, Collection<String> splitKeys) {
        Map<Path, List<String>> byFile = new LinkedHashMap<>();
        for (String k : splitKeys) {
            SplitKey key = SplitKey.parse(k, source);
            byFile.computeIfAbsent(fileForSet(key.set()), f -> new ArrayList<>()).add(key.videoKey());
        }
        List<String> missingFiles = new ArrayList<>();
        for (Map.Entry<Path, List<String>> e : byFile.entrySet()) {
            if (!Files.isRegularFile(e.getKey())) {
                missingFiles.add("  " + e.getKey().getFileName() + " (" + e.getValue().size() + " videos)");
            }
        }
        if (!missingFiles.isEmpty()) {
            throw new UserException(source + " needs files that are not in " + root + ":\n"
                    + String.join("\n", missingFiles) + "\nWhere to get them:\n" + WHERE_TO_GET_THEM,
                    UserException.Remedy.BUILD_DATA);
        }
        List<String> missingKeys = new ArrayList<>();
        for (Map.Entry<Path, List<String>> e : byFile.entrySet()) {
            Eccv16File f = file(e.getKey());
            Set<String> present = new LinkedHashSet<>(f.keys());
            List<String> absent = e.getValue().stream().filter(k -> !present.contains(k)).toList();
            if (!absent.isEmpty()) {
                missingKeys.add("  " + e.getKey().getFileName() + " lacks " + absent.size() + " of its "
                        + e.getValue().size() + " videos: " + VideoKeys.abbreviate(absent) + " (it has "
                        + present.size() + ")");
            }
        }
        if (!missingKeys.isEmpty()) {
            throw new UserException(source + " names videos that the data files lack:\n" + String.join("\n", missingKeys)
                    + "\n(a file from another release, or one built from some of the videos only?)");
        }
    }

    /** Warnings collected from every file read so far. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>();
        open.values().forEach(f -> all.addAll(f.warnings()));
        return all;
    }

    @Override
    public void close() {
        open.values().forEach(Eccv16File::close);
        open.clear();
    }

    private Path fileForSet(String set) {
        if (set == null) {
            if (canonicalFile != null) {
                return canonicalFile;
            }
            if (canonicalSet == null) {
                throw new UserException("data folder " + root + ": a plain video_N key needs a canonical data set"
                        + " (tvsum or summe); name the split file tvsum_*.json or summe_*.json, or give the data file");
            }
            set = canonicalSet;
        }
        Path zhou = root.resolve("eccv16_dataset_" + set + "_google_pool5.h5");
        if (set.equals("tvsum") || set.equals("summe")) {
            Path own = root.resolve(set + ".h5");
            return Files.isRegularFile(own) || !Files.isRegularFile(zhou) ? own : zhou;
        }
        return zhou;
    }

    /**
     * For each file holding one of {@code splitKeys}, its {@link Eccv16File#evalMetricAttribute()} (null when
     * absent), in the keys' order.
     */
    public Map<Path, String> evalMetricAttributes(Collection<String> splitKeys) {
        Map<Path, String> byFile = new LinkedHashMap<>();
        for (String k : splitKeys) {
            Path f = fileForSet(SplitKey.parse(k, "data folder " + root).set());
            if (!byFile.containsKey(f)) {
                byFile.put(f, file(f).evalMetricAttribute());
            }
        }
        return byFile;
    }

    private Eccv16File file(Path path) {
        Eccv16File f = open.get(path);
        if (f == null) {
            f = Eccv16File.open(path);
            open.put(path, f);
        }
        return f;
    }
}
