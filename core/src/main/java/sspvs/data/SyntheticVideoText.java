package sspvs.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import sspvs.UserException;
import sspvs.text.TextTokenizer;
import sspvs.text.VideoText;
import sspvs.text.VideoTextInfoWriter;
import sspvs.io.AtomicFiles;

/**
 * Writes a small stand-in for YTVT in its layout ({@link YtvtDirectory}) in which video and text share a signal,
 * so that pre-training has something to learn: every video belongs to one of a few topics; its features carry the
 * topic's direction plus a smooth per-video trajectory (so a masked frame can be told from its neighbours) plus
 * noise; its text (category, query, title, description) draws mostly from the topic's words, partly from filler
 * words shared by all topics. Deterministic under the seed. Token ids come from the bundled bert-base-uncased
 * tokenizer.
 */
public final class SyntheticVideoText {
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

    /** Category, then topic words: plain English so the tokenizer gives ordinary word pieces. */
    private static final String[][] TOPICS = {
        {"food & drink", "recipe", "kitchen", "bake", "oven", "flour", "sugar", "chef", "dinner", "soup", "bread"},
        {"sports", "goal", "stadium", "match", "player", "kick", "league", "score", "team", "coach", "ball"},
        {"music", "chord", "string", "song", "melody", "band", "concert", "guitar", "solo", "drum", "piano"},
        {"pets & animals", "puppy", "leash", "bark", "fetch", "breed", "dog", "treat", "tail", "kitten", "cat"},
        {"autos & vehicles", "engine", "wheel", "drive", "speed", "road", "garage", "motor", "race", "truck", "tire"},
        {"travel", "beach", "island", "hotel", "flight", "mountain", "tour", "city", "map", "hike", "boat"},
        {"fitness", "workout", "muscle", "gym", "training", "cardio", "weight", "run", "stretch", "yoga", "sweat"},
        {"games", "console", "level", "controller", "quest", "boss", "arcade", "pixel", "puzzle", "dungeon", "loot"},
    };
    private static final String[] FILLER = {"the", "a", "video", "new", "best", "how", "to", "my", "this", "with",
        "and", "for", "in", "today", "watch", "part", "first", "time", "day", "way"};

    /**
     * What to generate.
     *
     * @param videos number of videos
     * @param topics number of topics (at most 8)
     * @param dim feature width
     * @param minSteps shortest video (steps)
     * @param maxSteps longest video (steps)
     * @param valFraction share of videos in the validation list
     * @param seed the generator's seed
     */
    public record Spec(int videos, int topics, int dim, int minSteps, int maxSteps, double valFraction, long seed) {
        public Spec {
            if (videos < 4 || topics < 2 || topics > TOPICS.length || dim < 2 || minSteps < 1 || maxSteps < minSteps
                    || !(valFraction > 0 && valFraction < 1)) {
                throw new IllegalArgumentException("invalid synthetic data spec: " + this);
            }
        }
    }

    private SyntheticVideoText() {}

    /** The topic of video {@code index} (videos cycle through the topics). */
    public static int topicOf(int index, int topics) {
        return index % topics;
    }

    /** The id of video {@code index}. */
    public static String idOf(int index) {
        return String.format("syn%05d", index);
    }

    /**
     * Writes {@code features/}, {@code info_embed/} and {@code list_file/{train,val}_list.json} under {@code root}
     * (created if needed; existing files of the same names are replaced).
     */
    public static void write(Path root, Spec spec) {
        Random random = new Random(spec.seed());
        float[][] topicDirections = new float[spec.topics()][];
        for (int k = 0; k < spec.topics(); k++) {
            topicDirections[k] = unitVector(random, spec.dim());
        }
        List<String> train = new ArrayList<>();
        List<String> val = new ArrayList<>();
        int valEvery = (int) Math.max(2, Math.round(1 / spec.valFraction()));
        try (TextTokenizer tokenizer = TextTokenizer.bundledMiniLm()) {
            VideoTextInfoWriter textWriter = new VideoTextInfoWriter(tokenizer);
            for (int i = 0; i < spec.videos(); i++) {
                String id = idOf(i);
                int topic = topicOf(i, spec.topics());
                int steps = spec.minSteps() + random.nextInt(spec.maxSteps() - spec.minSteps() + 1);
                writeFeatures(root.resolve("features").resolve(id + ".h5"),
                        features(random, topicDirections[topic], steps, spec.dim()));
                textWriter.write(root.resolve("info_embed"), text(random, id, TOPICS[topic]));
                // whole rounds of topics go to validation, so it holds every topic
                ((i / spec.topics()) % valEvery == valEvery - 1 ? val : train).add(id);
            }
        }
        while (val.size() < 2) { // too few videos for a whole validation round: take the last training ones
            val.add(0, train.remove(train.size() - 1));
        }
        writeJson(root.resolve("list_file").resolve("train_list.json"), train);
        writeJson(root.resolve("list_file").resolve("val_list.json"), val);
    }

    /**
     * Per component: 2 + topic direction + three slow sinusoids along random directions (×0.7) + Gaussian noise
     * (std 0.3), the unit vectors scaled by sqrt(dim), clipped at 0 — non-negative like GoogLeNet pool5 features
     * (the model's frame predictors end in a ReLU).
     */
    static float[][] features(Random random, float[] topic, int steps, int dim) {
        float[][] directions = {unitVector(random, dim), unitVector(random, dim), unitVector(random, dim)};
        double[] periods = new double[3];
        double[] phases = new double[3];
        for (int m = 0; m < 3; m++) {
            periods[m] = 8 + 24 * random.nextDouble();
            phases[m] = 2 * Math.PI * random.nextDouble();
        }
        double scale = Math.sqrt(dim);
        float[][] out = new float[steps][dim];
        for (int t = 0; t < steps; t++) {
            for (int j = 0; j < dim; j++) {
                double v = topic[j];
                for (int m = 0; m < 3; m++) {
                    v += 0.7 * directions[m][j] * Math.sin(2 * Math.PI * t / periods[m] + phases[m]);
                }
                out[t][j] = (float) Math.max(0, 2 + scale * v + 0.3 * random.nextGaussian());
            }
        }
        return out;
    }

    private static VideoText text(Random random, String id, String[] topic) {
        String query = word(random, topic) + " " + word(random, topic);
        return new VideoText(id, topic[0], query, words(random, topic, 3 + random.nextInt(4), 0.6),
                words(random, topic, 20 + random.nextInt(41), 0.7));
    }

    private static String word(Random random, String[] topic) {
        return topic[1 + random.nextInt(topic.length - 1)];
    }

    private static String words(Random random, String[] topic, int n, double topicShare) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(random.nextDouble() < topicShare ? word(random, topic) : FILLER[random.nextInt(FILLER.length)]);
        }
        return sb.toString();
    }

    private static float[] unitVector(Random random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int j = 0; j < dim; j++) {
            v[j] = (float) random.nextGaussian();
            norm += v[j] * v[j];
        }
        for (int j = 0; j < dim; j++) {
            v[j] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static void writeFeatures(Path file, float[][] features) {
        try {
            AtomicFiles.replace(file, temp -> {
                try (WritableHdfFile hdf = HdfFile.write(temp)) {
                    hdf.putDataset("features", features);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot write synthetic features " + file + ": " + e.getMessage());
        }
    }

    private static void writeJson(Path file, List<String> ids) {
        try {
            AtomicFiles.replace(file, temp -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), ids));
        } catch (IOException e) {
            throw new UserException("cannot write list file " + file + ": " + e.getMessage());
        }
    }
}
