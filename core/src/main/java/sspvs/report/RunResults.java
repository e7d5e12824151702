package sspvs.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import sspvs.UserException;

/**
 * What a {@code run} left in {@code <results>/<EXP>/}, read back for {@code compare} and {@code report}, finished
 * or not. An experiment is one run in the folder itself (no {@code --seeds}) or one run per {@code seed<N>/}
 * subfolder; each run has, per split, {@code split<k>.json} (progress and, once done, the chosen epoch),
 * {@code metrics.csv} (every epoch so far) and, when every split is done, {@code run.json} (the provenance with
 * the chosen epochs' per-video test results).
 */
public final class RunResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEED_FOLDER = Pattern.compile("seed(-?\\d+)");
    private static final Pattern SPLIT_FILE = Pattern.compile("split(\\d+)\\.json");

    /** One row of metrics.csv: a split's evaluated set after one epoch. */
    public record EpochRow(int split, int epoch, String set, double fScore, double kendall, double spearman,
            double trainLoss) {}

    /**
     * One seed's run.
     *
     * @param seed the seed (from run.json or the folder name; the config's for a folder without seeds)
     * @param runJson the provenance, null while the run is unfinished
     * @param chosen the chosen epoch of each finished split, by split index
     */
    public record Seed(long seed, Path folder, JsonNode runJson, List<EpochRow> epochs, Map<Integer, Integer> chosen,
            int splits) {
        public boolean finished() {
            return runJson != null;
        }
    }

    /** A test video's metrics at the chosen epoch, one split's, averaged over the seeds. */
    public record VideoResult(int split, String video, double fScore, double kendall, double spearman) {}

    private final Path dir;
    private final List<Seed> seeds;

    private RunResults(Path dir, List<Seed> seeds) {
        this.dir = dir;
        this.seeds = seeds;
    }

    public Path dir() {
        return dir;
    }

    public List<Seed> seeds() {
        return seeds;
    }

    /** Reads an experiment folder; a folder that holds no run is the user's mistake. */
    public static RunResults read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": no such results folder");
        }
        List<Path> runs = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(p -> Files.isDirectory(p) && SEED_FOLDER.matcher(p.getFileName().toString()).matches()
                    && holdsRun(p)).sorted(Comparator.comparingLong(RunResults::seedOfName)).forEach(runs::add);
        } catch (IOException e) {
            throw new UserException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (runs.isEmpty() && holdsRun(dir)) {
            runs.add(dir);
        }
        if (runs.isEmpty()) {
            throw new UserException(dir + ": not a results folder of 'sspvs run' (no split0.json, run.json or "
                    + "seed<N>/ inside); give RESULTS/<EXP>, e.g. results/TS_C");
        }
        List<Seed> seeds = new ArrayList<>();
        for (Path run : runs) {
            seeds.add(readSeed(run));
        }
        return new RunResults(dir, seeds);
    }

    private static boolean holdsRun(Path folder) {
        return Files.exists(folder.resolve("run.json")) || Files.exists(folder.resolve("split0.json"));
    }

    private static long seedOfName(Path folder) {
        Matcher m = SEED_FOLDER.matcher(folder.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    private static Seed readSeed(Path folder) {
        JsonNode run = Files.exists(folder.resolve("run.json")) ? json(folder.resolve("run.json")) : null;
        Map<Integer, Integer> chosen = new LinkedHashMap<>();
        long seed = seedOfName(folder);
        int splits = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                Matcher m = SPLIT_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    int k = Integer.parseInt(m.group(1));
                    splits = Math.max(splits, k + 1);
                    JsonNode progress = json(f);
                    if (progress.has("chosen_epoch")) {
                        chosen.put(k, progress.get("chosen_epoch").asInt());
                    }
                    if (!SEED_FOLDER.matcher(folder.getFileName().toString()).matches()) {
                        seed = configSeed(progress, seed);
                    }
                }
            }
        } catch (IOException e) {
            throw new UserException(folder + ": cannot list (" + e.getMessage() + ")", e);
        }
        if (run != null) {
            seed = run.get("seed").asLong();
            splits = Math.max(splits, run.get("splits").size());
        }
        Path metrics = folder.resolve("metrics.csv");
        return new Seed(seed, folder, run, Files.exists(metrics) ? epochRows(metrics) : List.of(), chosen, splits);
    }

    private static long configSeed(JsonNode progress, long fallback) {
        JsonNode stored = progress.get("config");
        if (stored == null || !stored.isTextual()) {
            return fallback;
        }
        try {
            JsonNode config = JSON.readTree(stored.asText());
            return config.has("seed") ? config.get("seed").asLong() : fallback;
        } catch (IOException e) { // not JSON: the folder's seed stands (a bug elsewhere still shows)
            return fallback;
        }
    }

    /** metrics.csv's rows, columns found by name (others may follow). */
    static List<EpochRow> epochRows(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(csv + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = RecordsCsv.split(lines.get(0));
        int f = column(csv, header, "f_score"), k = column(csv, header, "kendalltau");
        int s = column(csv, header, "spearmanr"), epoch = column(csv, header, "epoch");
        int split = column(csv, header, "split"), set = column(csv, header, "set");
        int loss = column(csv, header, "train_loss");
        List<EpochRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> c = RecordsCsv.split(lines.get(i));
            try {
                rows.add(new EpochRow(Integer.parseInt(c.get(split)), Integer.parseInt(c.get(epoch)), c.get(set),
                        number(c.get(f)), number(c.get(k)), number(c.get(s)), number(c.get(loss))));
            } catch (NumberFormatException | IndexOutOfBoundsException e) { // what a short or non-numeric line causes
                throw new UserException(csv + ": line " + (i + 1) + " is malformed: " + lines.get(i), e);
            }
        }
        return rows;
    }

    private static int column(Path csv, List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new UserException(csv + ": no column '" + name + "' (found " + header + ")");
        }
        return i;
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The seeds whose run has finished. */
    public List<Seed> finished() {
        return seeds.stream().filter(Seed::finished).toList();
    }

    /** The first finished run's provenance (every seed shares config, data and split file), or null. */
    public JsonNode provenance() {
        return seeds.stream().filter(Seed::finished).map(Seed::runJson).findFirst().orElse(null);
    }

    /**
     * Per (split, test video), the chosen epoch's metrics averaged over the seeds (NaN where a seed's is undefined
     * counts as missing; NaN when every seed's is). Every seed must have finished.
     */
    public List<VideoResult> testVideos() {
        for (Seed s : seeds) {
            if (!s.finished()) {
                throw new UserException(s.folder() + " has not finished (no run.json yet): finish it with the same "
                        + "'sspvs run' command, or compare finished runs only");
            }
        }
        Map<String, double[][]> sums = new LinkedHashMap<>(); // "split\tvideo" -> {sum, count} per metric
        for (Seed s : seeds) {
            for (JsonNode split : s.runJson().get("splits")) {
                int k = split.get("split").asInt();
                split.get("videos").fields().forEachRemaining(v -> {
                    double[][] acc = sums.computeIfAbsent(k + "\t" + v.getKey(), x -> new double[3][2]);
                    add(acc[0], v.getValue(), "f_score", "f_score");
                    add(acc[1], v.getValue(), "kendalltau", "kendall");
                    add(acc[2], v.getValue(), "spearmanr", "spearman");
                });
            }
        }
        List<VideoResult> out = new ArrayList<>();
        sums.forEach((key, acc) -> {
            int tab = key.indexOf('\t');
            out.add(new VideoResult(Integer.parseInt(key.substring(0, tab)), key.substring(tab + 1),
                    acc[0][0] / acc[0][1], acc[1][0] / acc[1][1], acc[2][0] / acc[2][1]));
        });
        return out;
    }

    /** Adds a per-video value to {sum, count}; run.json names τ and ρ {@code kendall}/{@code spearman} or {@code kendalltau}/{@code spearmanr}. */
    private static void add(double[] acc, JsonNode video, String name, String older) {
        JsonNode v = video.has(name) ? video.get(name) : video.get(older);
        if (v != null && !v.isNull() && !Double.isNaN(v.asDouble())) {
            acc[0] += v.asDouble();
            acc[1]++;
        }
    }

    /** The split file's SHA-256 as run.json records it, null if unknown. */
    public String splitFileSha256() {
        JsonNode p = provenance();
        return p == null || !p.hasNonNull("split_file_sha256") ? null : p.get("split_file_sha256").asText();
    }
}
