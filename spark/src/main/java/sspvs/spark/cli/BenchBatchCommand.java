package sspvs.spark.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.cli.FeatureExtractorOptions;
import sspvs.config.RunConfig;
import sspvs.io.OutputFolders;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerCheckpoints;
import sspvs.spark.BatchJob;
import sspvs.spark.BatchListener;
import sspvs.spark.BatchSessions;
import sspvs.spark.PipelineSpec;
import sspvs.spark.VideoInputs;
import sspvs.summarize.FeatureExtractorSettings;
import sspvs.summarize.SummarizePipeline;
import sspvs.summarize.SummarizeRequest;
import sspvs.train.TorchCheckpointStore;
import sspvs.video.synthetic.SyntheticVideo;

/**
 * {@code sspvs bench batch}: throughput of {@code batch}, in hours of video per hour, at {@code local[1]} and
 * {@code local[2]} on one set of videos, side by side with {@code summarize} run on each file in turn (the loop a
 * user would otherwise write: the pipeline opened, the video summarised, the pipeline closed, per file, in this JVM —
 * so no JVM start-up is counted against it), then the time of a rerun that finds everything done. Batch times include
 * starting and stopping Spark.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times 'batch' at local[1] and local[2] against 'summarize' on each file in turn, and a rerun.")
public final class BenchBatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--input", paramLabel = "DIR", description = "Videos to use (default: generate --videos of them).")
    Path input;

    @Option(names = "--videos", defaultValue = "6", description = "Videos to generate. Default: ${DEFAULT-VALUE}.")
    int videos;

    @Option(names = "--seconds", defaultValue = "60",
            description = "Length of the first generated video; the others are 1.0 to 1.5 times as long. "
                    + "Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--size", defaultValue = "320x240", paramLabel = "WxH",
            description = "Frame size of the generated videos. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--model", paramLabel = "CKPT",
            description = "Checkpoint (default: a freshly initialised model of the features' width; timing does "
                    + "not depend on its weights).")
    Path model;

    @Option(names = "--ratio", defaultValue = "0.15", description = "Summary ratio. Default: ${DEFAULT-VALUE}.")
    double ratio;

    @Option(names = "--masters", split = ",", defaultValue = "local[1],local[2]",
            description = "Spark masters to time, in order. Default: ${DEFAULT-VALUE}.")
    List<String> masters;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the videos and outputs (default: a "
            + "temporary folder, deleted afterwards); videos generated there earlier are reused.")
    Path work;

    @Mixin
    FeatureExtractorOptions extractorOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (videos < 1) {
            throw new UserException("--videos must be at least 1");
        }
        for (String master : masters) {
            if (!BatchSessions.isMasterUrl(master)) {
                throw new UserException("--masters: each must be " + BatchSessions.MASTER_FORMS + ", not '" + master
                        + "'");
            }
        }
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("sspvs-bench-batch") : Files.createDirectories(work);
        try {
            return run(out, dir.toAbsolutePath());
        } finally {
            if (temporary) {
                OutputFolders.deleteTree(dir);
            }
        }
    }

    private int run(PrintWriter out, Path dir) throws Exception {
        FeatureExtractorSettings features = extractorOptions.settings();
        Path ckpt = model != null ? model : freshModel(features, dir.resolve("bench-model.ckpt"));
        Path videoDir = input != null ? input : generate(dir.resolve("videos"), out);
        List<Path> files = VideoInputs.list(videoDir).videos();
        SummarizePipeline.Settings settings = SummarizePipeline.Settings.of(ckpt).withFeatures(features);
        PipelineSpec pipeline = PipelineSpec.of(settings, null, ratio);
        out.printf(Locale.ROOT, "cores: %d; %d videos in %s%s%n", Runtime.getRuntime().availableProcessors(),
                files.size(), videoDir, model == null ? "; model: freshly initialised (timing only)" : "");
        out.flush();

        // warm-up, not timed: Spark's first start in a JVM loads thousands of classes; the summarize loop below warms
        // the pipeline (JIT, native libraries) for everyone
        BatchSessions.create("local[1]", Map.of()).stop();
        Map<String, double[]> rows = new LinkedHashMap<>(); // name -> {wall s, video hours}
        double[] loop = summarizeInTurn(files, settings, dir.resolve("summarize"));
        rows.put("summarize, each file in turn", loop);
        printRow(out, "summarize, each file in turn", loop, loop);
        BatchJob.Report last = null;
        Path lastOut = null;
        for (String master : masters) {
            Path o = dir.resolve("batch-" + master.replaceAll("[^A-Za-z0-9]", ""));
            if (Files.exists(o)) {
                OutputFolders.deleteTree(o);
            }
            double[] r = timeBatch(master, videoDir, o, pipeline);
            rows.put("batch " + master, r);
            printRow(out, "batch " + master, r, loop);
            lastOut = o;
        }
        if (lastOut != null) {
            String master = masters.get(masters.size() - 1);
            double[] rerun = timeBatch(master, videoDir, lastOut, pipeline);
            out.printf(Locale.ROOT, "rerun of batch %s (everything reused): %.1f s for %.4f hours of video "
                    + "(%.1f s outside Spark's start and stop)%n", master, rerun[0], rerun[1], rerun[2]);
        }
        return 0;
    }

    private static void printRow(PrintWriter out, String name, double[] r, double[] loop) {
        double perHour = r[1] / (r[0] / 3600);
        double loopPerHour = loop[1] / (loop[0] / 3600);
        out.printf(Locale.ROOT, "%-32s %8.1f s  %8.2f hours of video per hour  %5.2fx summarize%n", name, r[0],
                perHour, perHour / loopPerHour);
        out.flush();
    }

    /** {wall seconds including Spark's start and stop, hours of video done, seconds inside the job}. */
    private static double[] timeBatch(String master, Path videoDir, Path o, PipelineSpec pipeline) {
        long t0 = System.nanoTime();
        SparkSession session = BatchSessions.create(master, Map.of());
        BatchJob.Report r;
        try {
            r = BatchJob.run(session, new BatchJob.Request(videoDir, o, pipeline, false), BatchListener.NONE);
        } finally {
            session.stop();
        }
        if (r.failed() > 0) {
            throw new UserException(r.failed() + " videos failed in the batch at " + master + ": see " + o
                    + "/index.html");
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, r.videoHours(), r.wallSeconds()};
    }

    /** summarize's work per file: open the pipeline, summarise, close; {wall seconds, hours of video}. */
    private double[] summarizeInTurn(List<Path> files, SummarizePipeline.Settings settings, Path outs) {
        long t0 = System.nanoTime();
        int i = 0;
        for (Path f : files) {
            try (SummarizePipeline p = SummarizePipeline.open(settings)) {
                p.summarize(SummarizeRequest.of(f, outs.resolve("v" + i++)).withRatio(ratio));
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        return new double[] {wall, videoHours(files, outs)};
    }

    /** Hours of video summarised into {@code outs} (from each summary.json's duration). */
    private static double videoHours(List<Path> files, Path outs) {
        double s = 0;
        for (int i = 0; i < files.size(); i++) {
            try {
                s += new com.fasterxml.jackson.databind.ObjectMapper().readTree(outs.resolve("v" + i)
                        .resolve("summary.json").toFile()).get("video").get("duration_s").asDouble();
            } catch (IOException e) {
                throw new UserException(outs + ": cannot read a summary.json just written (" + e.getMessage() + ")");
            }
        }
        return s / 3600;
    }

    private Path generate(Path videoDir, PrintWriter out) throws IOException {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w;
        int h;
        try {
            w = Integer.parseInt(wh[0]);
            h = Integer.parseInt(wh[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) { // not WxH
            throw new UserException("--size must be WIDTHxHEIGHT, e.g. 320x240, not '" + size + "'");
        }
        if (!(seconds >= 4)) {
            throw new UserException("--seconds must be at least 4");
        }
        Files.createDirectories(videoDir);
        for (int i = 0; i < videos; i++) {
            double length = seconds * (1 + 0.5 * i / Math.max(1, videos - 1));
            Path file = videoDir.resolve(String.format(Locale.ROOT, "bench-%02d-%.0fs-%dx%d.mp4", i, length, w, h));
            if (Files.isRegularFile(file) && Files.size(file) > 0) {
                continue;
            }
            List<Double> scenes = new ArrayList<>();
            for (double left = length; left > 0; left -= 4) {
                scenes.add(Math.min(4, left));
            }
            SyntheticVideo.builder().size(w, h).fps(25).textured(true)
                    .sceneSeconds(scenes.stream().mapToDouble(Double::doubleValue).toArray()).build().write(file);
        }
        out.printf(Locale.ROOT, "videos: %d generated in %s%n", videos, videoDir);
        return videoDir;
    }

    /** A freshly initialised summarizer of sm_c's size at the features' width, saved as a checkpoint. */
    private static Path freshModel(FeatureExtractorSettings features, Path file) throws IOException {
        int d;
        try (FeatureExtractorSettings.Opened ex = features.open()) {
            d = ex.extractor().dimension();
        }
        RunConfig config;
        try (InputStream in = BenchBatchCommand.class.getResourceAsStream("/configs/sm_c.yaml")) {
            config = RunConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "configs/sm_c.yaml");
        }
        if (d % config.nheadVid() != 0) {
            config = config.withOverrides("nhead_vid=1");
        }
        try (NDManager m = NDManager.newBaseManager();
                ProgressiveSummarizer net = new ProgressiveSummarizer(SummarizerCheckpoints.specOf(d, config), m, 1)) {
            new TorchCheckpointStore().save(file, net.exportTensors(), config, 0);
        }
        return file;
    }
}
