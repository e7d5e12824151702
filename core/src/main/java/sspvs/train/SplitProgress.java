package sspvs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;
import sspvs.eval.EvaluationSummary;
import sspvs.eval.VideoEvaluation;
import sspvs.io.AtomicFiles;
import sspvs.report.EpochMetrics;

/**
 * What one split of a run has done so far, as {@code split<k>.json} in the experiment folder: the run's identity
 * (config JSON, selection, pretrained file, and the SHA-256 of the data, split and pretrained files: a resumed run
 * must match them), the keys trained on, validated on and
 * tested on, every finished epoch's loss and metrics (test always, validation under the honest protocol, and the
 * per-video test results), and once the split is done, the chosen epoch. Written atomically after each epoch.
 */
final class SplitProgress {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One finished epoch.
     *
     * @param validation null under the reference protocol (no validation set)
     * @param peakRssMb the process's peak resident memory over the epoch (training and evaluation), MiB; null where
     *     unknown (no {@code /proc}, or a progress file of an older version)
     */
    record Epoch(int epoch, double loss, double learningRate, double seconds, EvaluationSummary test,
            EvaluationSummary validation, List<VideoEvaluation> testVideos, Long peakRssMb) {
        Epoch {
            testVideos = List.copyOf(testVideos);
        }

        EpochMetrics testMetrics() {
            return new EpochMetrics(epoch, test.fScore(), test.kendall(), test.spearman());
        }

        EpochMetrics validationMetrics() {
            return new EpochMetrics(epoch, validation.fScore(), validation.kendall(), validation.spearman());
        }
    }

    final int split;
    final String configJson;
    final String selection;
    final String pretrained;
    final List<String> trainKeys;
    final List<String> validationKeys;
    final List<String> testKeys;
    final List<Epoch> epochs = new ArrayList<>();
    /** SHA-256 of each input file by what it is ({@code data file tvsum.h5}); null in files of older versions. */
    Map<String, String> inputs;
    Integer chosenEpoch;

    SplitProgress(int split, String configJson, String selection, String pretrained, List<String> trainKeys,
            List<String> validationKeys, List<String> testKeys) {
        this.split = split;
        this.configJson = configJson;
        this.selection = selection;
        this.pretrained = pretrained;
        this.trainKeys = List.copyOf(trainKeys);
        this.validationKeys = List.copyOf(validationKeys);
        this.testKeys = List.copyOf(testKeys);
    }

    boolean finished() {
        return chosenEpoch != null;
    }

    /** The rows the epoch is chosen on: validation rows, or the test rows under the reference protocol. */
    List<EpochMetrics> selectionRows() {
        return epochs.stream().map(e -> e.validation() == null ? e.testMetrics() : e.validationMetrics()).toList();
    }

    List<EpochMetrics> testRows() {
        return epochs.stream().map(Epoch::testMetrics).toList();
    }

    Epoch epoch(int epoch) {
        return epochs.stream().filter(e -> e.epoch() == epoch).findFirst()
                .orElseThrow(() -> new IllegalStateException("split " + split + " has no epoch " + epoch));
    }

    /** Drops epochs after {@code lastEpoch} (their training state was not saved). */
    void truncateAfter(int lastEpoch) {
        epochs.removeIf(e -> e.epoch() > lastEpoch);
    }

    void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("split", split);
        root.put("config", configJson);
        root.put("selection", selection);
        root.put("pretrained", pretrained);
        if (inputs != null) {
            ObjectNode digests = root.putObject("inputs");
            inputs.forEach(digests::put);
        }
        strings(root.putArray("train_keys"), trainKeys);
        strings(root.putArray("validation_keys"), validationKeys);
        strings(root.putArray("test_keys"), testKeys);
        ArrayNode rows = root.putArray("epochs");
        for (Epoch e : epochs) {
            ObjectNode row = rows.addObject();
            row.put("epoch", e.epoch());
            number(row, "loss", e.loss());
            row.put("lr", e.learningRate());
            row.put("seconds", e.seconds());
            if (e.peakRssMb() != null) {
                row.put("peak_rss_mb", e.peakRssMb());
            }
            summary(row.putObject("test"), e.test());
            if (e.validation() != null) {
                summary(row.putObject("validation"), e.validation());
            }
            ObjectNode videos = row.putObject("test_videos");
            for (VideoEvaluation v : e.testVideos()) {
                ObjectNode n = videos.putObject(v.key());
                number(n, "f_score", v.fScore());
                number(n, "precision", v.precision());
                number(n, "recall", v.recall());
                number(n, "kendalltau", v.kendall());
                number(n, "spearmanr", v.spearman());
            }
        }
        if (chosenEpoch != null) {
            root.put("chosen_epoch", chosenEpoch);
        }
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UserException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    static SplitProgress read(Path file) {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            SplitProgress p = new SplitProgress(root.get("split").asInt(), root.get("config").asText(),
                    root.get("selection").asText(), root.get("pretrained").isNull() ? null
                            : root.get("pretrained").asText(),
                    strings(root.get("train_keys")), strings(root.get("validation_keys")),
                    strings(root.get("test_keys")));
            if (root.has("inputs")) {
                p.inputs = new LinkedHashMap<>();
                root.get("inputs").fields().forEachRemaining(f -> p.inputs.put(f.getKey(), f.getValue().asText()));
            }
            for (JsonNode row : root.get("epochs")) {
                List<VideoEvaluation> videos = new ArrayList<>();
                row.get("test_videos").fields().forEachRemaining(f -> videos.add(new VideoEvaluation(f.getKey(),
                        number(f.getValue(), "f_score"), number(f.getValue(), "precision"),
                        number(f.getValue(), "recall"), number(f.getValue(), "kendalltau"),
                        number(f.getValue(), "spearmanr"))));
                p.epochs.add(new Epoch(row.get("epoch").asInt(), number(row, "loss"), row.get("lr").asDouble(),
                        row.get("seconds").asDouble(), summary(row.get("test")),
                        row.has("validation") ? summary(row.get("validation")) : null, videos,
                        row.hasNonNull("peak_rss_mb") ? row.get("peak_rss_mb").asLong() : null));
            }
            if (root.has("chosen_epoch")) {
                p.chosenEpoch = root.get("chosen_epoch").asInt();
            }
            return p;
        } catch (IOException | RuntimeException e) {
            throw new UserException(file + ": damaged progress file (" + e + "); delete it to rerun this split", e);
        }
    }

    private static void summary(ObjectNode node, EvaluationSummary s) {
        node.put("videos", s.videos());
        number(node, "f_score", s.fScore());
        number(node, "precision", s.precision());
        number(node, "recall", s.recall());
        number(node, "kendalltau", s.kendall());
        number(node, "spearmanr", s.spearman());
    }

    private static EvaluationSummary summary(JsonNode node) {
        return new EvaluationSummary(node.get("videos").asInt(), number(node, "f_score"), number(node, "precision"),
                number(node, "recall"), number(node, "kendalltau"), number(node, "spearmanr"));
    }

    private static void number(ObjectNode node, String field, double v) {
        if (Double.isNaN(v)) {
            node.putNull(field);
        } else {
            node.put(field, v);
        }
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
