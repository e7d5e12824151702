package sspvs.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.DataDirectory;
import sspvs.data.Eccv16File;
import sspvs.data.SampleDatasets;
import sspvs.data.VideoKeys;
import sspvs.data.VideoRecord;
import sspvs.eval.Baselines;
import sspvs.eval.Evaluator;
import sspvs.eval.Metric;
import sspvs.io.OutputFolders;
import sspvs.report.EpochSelection;
import sspvs.summarize.SummaryOutputs;
import sspvs.train.ExperimentRunner;
import sspvs.train.RunInputs;
import sspvs.video.features.OnnxFeatureExtractor;
import sspvs.video.synthetic.SyntheticVideo;

/**
 * {@code sspvs demo}: the whole pipeline on a fresh clone with no data at all, in a minute or two. It writes a
 * small synthetic data set (TVSum-like annotations, features carrying a learnable signal) and a 5-fold split file,
 * runs the same {@link ExperimentRunner} as {@code sspvs run} with a small model derived from the bundled
 * {@code configs/ts_c.yaml}, then scores one split's test videos with {@code sspvs predict}, evaluates them with
 * {@code sspvs evaluate}, sets the human and random baselines beside the model, summarises a generated video with
 * {@code sspvs summarize}, and says how to run on real data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on a small synthetic data set (no downloads, about a minute).",
            "Then shows how to run it on the real data."})
public final class DemoCommand implements Callable<Integer> {
    /** The kind of output folder ({@link OutputFolders}) a demo writes. */
    static final String KIND = "demo";
    /** What a demo folder holds (an earlier one, written before markers existed, holds only these). */
    static final java.util.Set<String> EARLIER_DEMO_FILES = java.util.Set.of("data", "splits", "results",
            "records.csv", "split0_scores.json", "video");
    /** The bundled config the demo's is derived from. */
    static final String BASE_CONFIG = "/configs/ts_c.yaml";
    private static final int FOLDS = 5;
    private static final int DIM = 64;
    private static final long SEED = 12345;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "sspvs-demo",
            description = "Folder for the demo's data and results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "Fewer epochs and shorter videos (about half the time).")
    boolean quick;

    @Option(names = "--videos", hidden = true, description = "Number of synthetic videos (tests use fewer).")
    Integer videoCount;

    @Option(names = "--epochs", hidden = true, description = "Training epochs (tests use fewer).")
    Integer epochCount;

    @Option(names = "--steps", hidden = true, description = "Feature steps per video (tests use fewer).")
    Integer stepCount;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        int videos = videoCount != null ? videoCount : 20;
        int steps = stepCount != null ? stepCount : quick ? 64 : 96;
        int epochs = epochCount != null ? epochCount : quick ? 8 : 12;
        if (videos < 2 * FOLDS || steps < 8 || epochs < 1) {
            throw new UserException("demo: needs at least " + 2 * FOLDS + " videos, 8 steps and 1 epoch");
        }
        // checked before anything is written: a user's folder is refused, an earlier demo's is replaced whole (a
        // fresh run over an earlier one would otherwise rewrite its data, then stop at its differing results)
        OutputFolders.checkReplaceable(out, KIND, EARLIER_DEMO_FILES);
        Path aside = moveEarlierDemoAside();
        boolean done = false;
        try {
            Files.createDirectories(out);
            OutputFolders.mark(out, KIND);
            int code = runDemo(o, videos, steps, epochs);
            done = true;
            return code;
        } catch (IOException e) {
            throw new UserException("demo: cannot write " + out + " (" + e.getMessage() + ")", e);
        } finally {
            restoreOrDrop(aside, done);
        }
    }

    /** Moves an earlier demo output out of the way (kept until this run succeeds); null when there is none. */
    private Path moveEarlierDemoAside() {
        try {
            if (!Files.isDirectory(out)) {
                return null;
            }
            try (var entries = Files.list(out)) {
                if (entries.findAny().isEmpty()) {
                    return null;
                }
            }
            Path target = out.toAbsolutePath().normalize();
            Path aside = target.resolveSibling("." + target.getFileName() + ".replaced-" + java.util.UUID.randomUUID());
            Files.move(target, aside);
            return aside;
        } catch (IOException e) {
            throw new UserException("demo: cannot replace the earlier demo in " + out + " (" + e.getMessage() + ")", e);
        }
    }

    /** After success the earlier demo goes; after a failure the partial new one goes and the earlier comes back. */
    private void restoreOrDrop(Path aside, boolean done) {
        try {
            if (done) {
                if (aside != null) {
                    OutputFolders.deleteTree(aside);
                }
            } else if (aside != null) {
                if (Files.exists(out)) {
                    OutputFolders.deleteTree(out);
                }
                Files.move(aside, out);
            }
        } catch (IOException e) {
            spec.commandLine().getErr().println("sspvs: warning: could not tidy " + (aside == null ? out : aside)
                    + " (" + e.getMessage() + ")");
        }
    }

    private int runDemo(PrintWriter o, int videos, int steps, int epochs) {
        Path dataFile = out.resolve("data").resolve("synthetic.h5");
        Path splitFile = out.resolve("splits").resolve("synthetic_splits.json");
        o.printf("1. Writing %d synthetic videos (%d steps, %d-d features, 5 raters each) to %s%n", videos, steps,
                DIM, dataFile);
        o.flush();
        SampleDatasets.buildSynthetic(dataFile, videos, steps, DIM, 5, SEED);
        List<String> keys = writeSplits(splitFile, videos);

        RunConfig config = baseConfig().withOverrides("nhead_vid=4", "nhid_vid=128", "nlayers_vid=1", "iter=2",
                "max_epochs=" + epochs, "lr=0.001", "max_video=" + steps, "resume=null",
                "data_file=" + dataFile, "split_file=" + splitFile);
        Path results = out.resolve("results");
        Path records = out.resolve("records.csv");
        o.printf("%n2. Training and evaluating %d splits (%s with a 1-layer, 64-d model, %d epochs; epoch chosen "
                + "on a held-out validation subset of each split's training videos)%n", FOLDS, BASE_CONFIG.substring(1),
                epochs);
        o.flush();
        ExperimentRunner.Options options = new ExperimentRunner.Options("demo", config,
                new RunInputs(dataFile, dataFile.getParent(), splitFile, null), null,
                EpochSelection.Selection.VALIDATION, results, records, true, o);
        ExperimentRunner.Outcome outcome = new ExperimentRunner(options).run();

        ExperimentRunner.SplitOutcome first = outcome.splits().get(0);
        List<String> testKeys = first.videos().stream().map(v -> v.key()).toList();
        Path scores = out.resolve("split0_scores.json");
        o.printf("%n3. Scoring split 1's test videos with its checkpoint and evaluating them:%n");
        o.printf("   ./sspvs predict --checkpoint %s --data %s --videos %s --out %s%n", first.checkpoint(), dataFile,
                String.join(",", testKeys), scores);
        sub(o, "predict", "--checkpoint", first.checkpoint().toString(), "--data", dataFile.toString(), "--videos",
                String.join(",", testKeys), "--out", scores.toString());
        o.printf("   ./sspvs evaluate --data %s --scores %s --videos %s --metric avg%n", dataFile, scores,
                String.join(",", testKeys));
        sub(o, "evaluate", "--data", dataFile.toString(), "--scores", scores.toString(), "--videos",
                String.join(",", testKeys), "--metric", "avg");

        o.printf("%n4. The model beside the baselines on the same %d test videos:%n", testKeys.size());
        printBaselines(o, dataFile, testKeys, first);
        o.printf("   (all %d splits: F %.3f, tau %.3f, rho %.3f -> %s)%n", outcome.splits().size(),
                outcome.row().fScore(), outcome.row().kendall(), outcome.row().spearman(), records);
        summarizeAVideo(o, first.checkpoint());
        printNextSteps(o, keys.size());
        o.flush();
        return 0;
    }

    /**
     * The other users' path, {@code sspvs summarize}, on a generated video. The demo's model was trained on 64-d
     * synthetic features, so the video's features here are 64-d colour histograms (4 bins a channel), not
     * GoogLeNet's (a download): the run shows the outputs, not a meaningful choice of shots.
     */
    private void summarizeAVideo(PrintWriter o, Path checkpoint) {
        Path video = out.resolve("video").resolve("scenes.mp4");
        Path summary = out.resolve("video").resolve("scenes_summary");
        o.printf("%n5. Summarising a video (a generated one: 60 s, 12 scenes, with sound) with split 1's model:%n");
        o.flush();
        try {
            SyntheticVideo.builder().size(320, 180).fps(30)
                    .sceneSeconds(4, 6, 3, 7, 5, 4, 6, 3, 5, 7, 4, 6).build().write(video);
        } catch (IOException e) {
            throw new UserException("demo: cannot write " + video + " (" + e.getMessage() + ")", e);
        }
        o.printf("   ./sspvs summarize %s --model %s --out %s%n", video, checkpoint, summary);
        o.printf("   (here with --test-histogram-bins 4: colour histograms of the 64-d size this small model takes; "
                + "real runs use GoogLeNet's 1024-d features, fetched on first use)%n");
        sub(o, "summarize", video.toString(), "--model", checkpoint.toString(), "--out", summary.toString(),
                "--test-histogram-bins", "4", "--quiet");
        o.printf("   open %s: the score curve, the chosen shots and the summary video%n",
                summary.resolve(SummaryOutputs.HTML));
    }

    /** A 5-fold split file over the videos in a seeded order: each video is tested exactly once. */
    static List<String> writeSplits(Path file, int videos) {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= videos; i++) {
            keys.add(VideoKeys.key(i));
        }
        List<String> order = new ArrayList<>(keys);
        Collections.shuffle(order, new Random(SEED));
        ArrayNode root = Json.MAPPER.createArrayNode();
        for (int f = 0; f < FOLDS; f++) {
            ObjectNode split = root.addObject();
            ArrayNode train = split.putArray("train_keys");
            ArrayNode test = split.putArray("test_keys");
            for (int i = 0; i < order.size(); i++) {
                (i % FOLDS == f ? test : train).add(order.get(i));
            }
        }
        sspvs.io.AtomicFiles.writeString(file, root.toPrettyString() + "\n");
        return keys;
    }

    static RunConfig baseConfig() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(BASE_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(BASE_CONFIG + " is not bundled in the jar");
            }
            return RunConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BASE_CONFIG);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sub(PrintWriter o, String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(o);
        cmd.setErr(spec.commandLine().getErr());
        int code = cmd.execute(args);
        if (code != 0) {
            throw new IllegalStateException("demo: 'sspvs " + String.join(" ", args) + "' failed (exit " + code + ")");
        }
    }

    private static void printBaselines(PrintWriter o, Path dataFile, List<String> testKeys,
            ExperimentRunner.SplitOutcome model) {
        List<VideoRecord> videos = new ArrayList<>();
        try (Eccv16File file = Eccv16File.open(dataFile)) {
            for (String k : testKeys) {
                videos.add(file.read(k));
            }
        }
        Baselines.Random random = Baselines.random(videos, Metric.AVG, SEED, 20, new Evaluator());
        Baselines.Human human = Baselines.human(videos, Metric.AVG);
        o.printf("   %-34s %6s %6s %6s%n", "", "F", "tau", "rho");
        o.printf(Locale.ROOT, "   %-34s %6.3f %6.3f %6.3f%n", "model (epoch " + (model.chosen().epoch() + 1) + ")",
                model.chosen().fScore(), model.chosen().kendall(), model.chosen().spearman());
        o.printf(Locale.ROOT, "   %-34s %6.3f %6.3f %6.3f%n", "random scores (20 draws)", random.fScore(),
                random.kendall(), random.spearman());
        o.printf(Locale.ROOT, "   %-34s %6.3f %6.3f %6.3f%n", "humans (each rater vs the others)",
                human.leaveOneOut().fScore(), human.leaveOneOut().kendall(), human.leaveOneOut().spearman());
    }

    private static void printNextSteps(PrintWriter o, int videos) {
        o.printf("%n6. On the real data:%n");
        o.println("   Data files (put them in one folder, DIR):");
        (DataDirectory.WHERE_TO_GET_THEM + "\n" + Hints.BUILD_DATA).lines().forEach(l -> o.println("   " + l));
        o.println("   Split files: " + RunInputs.SPLITS_SOURCE + ".");
        o.println("   Pretrained model: " + RunInputs.PRETRAINED_SOURCE + Hints.PRETRAINED + ".");
        o.println("   Then, e.g. TVSum in the canonical setting:");
        o.println("     ./sspvs run configs/ts_c.yaml --data DIR");
        o.println("   (add --selection test to choose epochs on the test videos as the paper's code does;");
        o.println("    --pretrained none to train from scratch; results in results/TS_C/, summary in records.csv)");
        o.println("   Your own video, with a checkpoint trained on TVSum or SumMe (results/TS_C/split0.ckpt, ...):");
        o.println("     ./sspvs summarize talk.mp4 --model results/TS_C/split0.ckpt");
        o.println("   (GoogLeNet's ONNX file, " + OnnxFeatureExtractor.GOOGLENET.fileName() + ", is fetched once into "
                + "the user cache; see docs/summarize.md)");
    }
}
