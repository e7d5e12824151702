package sspvs.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;
import sspvs.model.WindowedScorer;
import sspvs.summarize.SummaryOutputs;
import sspvs.video.decode.FrameImage;
import sspvs.video.synthetic.SyntheticVideo;
import sspvs.video.decode.VideoDecoder;
import sspvs.video.features.VideoFeaturePipeline;
import sspvs.video.decode.VideoSampling;
import sspvs.summarize.VideoSummarizer;
import sspvs.summarize.VideoSummary;

/**
 * {@code sspvs bench summarize}: the time of each stage of {@code summarize} on a long generated video (default
 * 20 minutes of 720p, H.264 + AAC, footage-like scenes: textures, panning, grain), against FFmpeg's own decode of
 * the same file — JavaCV grabbing every frame without colour conversion (the least any pipeline must do) and, where
 * the {@code ffmpeg} tool exists, {@code ffmpeg -i X -f null -}. It also times the feature model alone on as many
 * frames, and summarize's own decode (which leaves out frames nothing needs, so it can be faster than FFmpeg's):
 * decode and features each fill every core, so the sum of those two is the floor for any pipeline on the machine.
 *
 * <p>The model is freshly initialised (timing does not depend on its weights): the paper's size (d 1024, 8 heads,
 * FFN 4096, 3 layers, 4 stages) when the features are 1024-d, else a model of the features' width; in that case
 * the paper-size model is also timed alone on random 1024-d features of the same length, and the ratio is also
 * given with that scoring time in place of the small model's.
 */
@Command(name = "summarize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times summarize's stages on a generated long video against FFmpeg's own decode.")
public final class BenchSummarizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "20", description = "Length of the generated video. Default: ${DEFAULT-VALUE}.")
    double minutes;

    @Option(names = "--size", defaultValue = "1280x720", paramLabel = "WxH", converter = Ranges.FrameSize.class,
            description = "Frame size of the generated video. Default: ${DEFAULT-VALUE}.")
    String size;

    @Option(names = "--fps", defaultValue = "30", description = "Frame rate of the generated video. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(names = "--video", paramLabel = "FILE", description = "Time this video instead of generating one.")
    Path video;

    @Option(names = "--work", paramLabel = "DIR", description = "Folder for the generated video and outputs "
            + "(default: a temporary folder, deleted afterwards); a video generated there earlier is reused.")
    Path work;

    @Option(names = "--ratio", defaultValue = "0.15", description = "Summary ratio. Default: ${DEFAULT-VALUE}.")
    double ratio;

    @Mixin
    FeatureExtractorOptions extractorOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = work == null;
        // the model first: without it (e.g. offline) nothing below is worth the minutes it takes
        try (sspvs.summarize.FeatureExtractorSettings.Opened ex = openExtractor()) {
            Path dir = temporary ? Files.createTempDirectory("sspvs-bench-summarize") : Files.createDirectories(work);
            try {
                return run(out, dir, ex);
            } finally {
                if (temporary) {
                    deleteTree(dir);
                }
            }
        }
    }

    private sspvs.summarize.FeatureExtractorSettings.Opened openExtractor() {
        try {
            return extractorOptions.open();
        } catch (UserException e) {
            if (extractorOptions.featuresModel != null) {
                throw e;
            }
            throw new UserException(e.getMessage() + ". To time the pipeline offline, make a GoogLeNet-shaped "
                    + "stand-in (same layers and cost, random weights; needs Python with torch and onnx): python3 "
                    + "tools/make_googlenet_shaped_onnx.py googlenet-shaped.onnx, then add --features-model "
                    + "googlenet-shaped.onnx --features-preset googlenet", e);
        }
    }

    private int run(PrintWriter out, Path dir, sspvs.summarize.FeatureExtractorSettings.Opened ex) throws Exception {
        Path file = video != null ? video : generate(dir, out);
        sspvs.video.decode.VideoInfo info = VideoDecoder.probe(file); // also quiets FFmpeg's log
        out.printf(Locale.ROOT, "cores: %d; video %dx%d %s, %.1f fps%n", Runtime.getRuntime().availableProcessors(),
                info.width(), info.height(), info.videoCodec(), info.fps());

        javacvDecodeSeconds(file); // warm: native libraries, page cache
        double grab = javacvDecodeSeconds(file);
        out.printf(Locale.ROOT, "ffmpeg decode via JavaCV (grab, no conversion): %.2f s%n", grab);
        Double cli = ffmpegCliSeconds(file);
        if (cli != null) {
            out.printf(Locale.ROOT, "ffmpeg -i X -f null - (its own threads): %.2f s%n", cli);
        }
        int[] input = modelInput(ex);
        long t1 = System.nanoTime();
        VideoSampling sampled = new VideoDecoder().outputSize(input[0], input[1])
                .decode(file, (step, frame, image) -> { });
        double sampledDecode = (System.nanoTime() - t1) / 1e9;
        out.printf(Locale.ROOT, "summarize's decode alone (%d samples at the model's input size; %d of %d frames "
                + "left undecoded, nothing needs them): %.2f s = %.2fx the JavaCV decode%n", sampled.steps(),
                sampled.framesSkipped(), sampled.frameCount(), sampledDecode, sampledDecode / grab);

        try (NDManager manager = NDManager.newBaseManager()) {
            int d = ex.extractor().dimension();
            SummarizerSpec modelSpec = d == SummarizerSpec.FEATURE_WIDTH ? SummarizerSpec.canonical()
                    : new SummarizerSpec(d, d % 2 == 0 ? 2 : 1, 4 * d, 3, 4, 0.1f, 0.1f, 0.1f);
            try (ProgressiveSummarizer model = new ProgressiveSummarizer(modelSpec, manager, 1)) {
                // warm-up on a short clip of the same size: JIT, native libraries, engine start-up
                Path warm = SyntheticVideo.builder().size(even(info.displayWidth()), even(info.displayHeight()))
                        .fps(info.fps() > 0 ? info.fps() : 30).sceneSeconds(2, 2).build()
                        .write(dir.resolve("warm-up.mp4")).file();
                VideoSummary.ModelProvenance warmProvenance = new VideoSummary.ModelProvenance("(random init)",
                        "", "BENCH", modelSpec.toString(), "", false);
                SummaryOutputs.write(new VideoSummarizer(model, warmProvenance, 0.5, new WindowedScorer())
                        .summarize(warm, ex.extractor(), ex.name(), ex.sha256(), ex.inputSize()),
                        dir.resolve("warm-up"));
                VideoSummary.ModelProvenance provenance = new VideoSummary.ModelProvenance("(random init)", "",
                        "BENCH", modelSpec.toString(), "", false);
                long t0 = System.nanoTime();
                VideoSummary s = new VideoSummarizer(model, provenance, ratio, new WindowedScorer())
                        .summarize(file, ex.extractor(), ex.name(), ex.sha256(), ex.inputSize());
                Map<String, Double> writing = SummaryOutputs.write(s, dir.resolve("out"));
                double total = (System.nanoTime() - t0) / 1e9;
                // the machine may be shared: decode again after the pipeline and compare with the mean
                double grabAfter = javacvDecodeSeconds(file);
                out.printf(Locale.ROOT, "ffmpeg decode via JavaCV again after the pipeline: %.2f s%n", grabAfter);
                double decode = (grab + grabAfter) / 2;
                double featuresAlone = featuresAloneSeconds(ex, s.features().steps());
                Map<String, Double> stages = new LinkedHashMap<>(s.seconds());
                stages.putAll(writing);
                out.printf(Locale.ROOT, "video: %s, %d frames, %.1f s, %d steps; features: %s (%d-d)%n",
                        file.getFileName(), s.features().nFrames(), s.features().nFrames() / s.fps(),
                        s.features().steps(), ex.name(), d);
                out.printf(Locale.ROOT, "  %-20s %8s %9s%n", "stage", "seconds", "x decode");
                stages.forEach((k, v) -> out.printf(Locale.ROOT, "  %-20s %8.2f %8.2fx%s%n", k, v, v / decode,
                        k.equals("features_busy") ? "  (inside decode_and_features, on the worker thread)" : ""));
                out.printf(Locale.ROOT, "pipeline total: %.2f s = %.2fx the JavaCV decode (mean of both)%s%n", total,
                        total / decode, cli == null ? "" : String.format(Locale.ROOT, ", %.2fx ffmpeg -f null",
                                total / cli));
                // Decoding and the image model both use every core, so neither hides behind the other:
                // their times alone add up to the least any pipeline on this machine can take.
                double floor = sampledDecode + featuresAlone;
                out.printf(Locale.ROOT, "floor on this machine: summarize's decode %.2f s + features alone (%d frames, "
                        + "nothing else running) %.2f s = %.2f s = %.2fx decode; the pipeline is %.2fx that%n",
                        sampledDecode, s.features().steps(), featuresAlone, floor, floor / decode, total / floor);
                if (d != SummarizerSpec.FEATURE_WIDTH) {
                    double paper = paperScoringSeconds(manager, s.features().steps());
                    double projected = total - s.seconds().get("scoring") + paper;
                    out.printf(Locale.ROOT, "paper-size model (1024-d, 3 layers, 4 stages) scoring %d steps: "
                            + "%.2f s; total with it: %.2f s = %.2fx the JavaCV decode%n", s.features().steps(),
                            paper, projected, projected / decode);
                    out.println("note: features came from " + ex.name() + ", not GoogLeNet pool5: feature "
                            + "extraction time is not the real model's");
                }
            }
        }
        return 0;
    }

    private Path generate(Path dir, PrintWriter out) throws IOException {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        int w;
        int h;
        try {
            w = Integer.parseInt(wh[0]);
            h = Integer.parseInt(wh[1]);
        } catch (RuntimeException e) {
            throw new UserException("--size must be WIDTHxHEIGHT, e.g. 1280x720, not '" + size + "'");
        }
        if (!(minutes > 0)) {
            throw new UserException("--minutes must be positive");
        }
        SplittableRandom rnd = new SplittableRandom(7);
        java.util.List<Double> scenes = new java.util.ArrayList<>();
        double left = minutes * 60;
        while (left > 0) {
            double sceneLength = Math.min(left, 2 + rnd.nextDouble() * 10);
            scenes.add(sceneLength);
            left -= sceneLength;
        }
        Path file = dir.resolve(String.format(Locale.ROOT, "bench-footage-%.1fmin-%dx%d-%sfps.mp4", minutes, w, h,
                fps));
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            out.printf(Locale.ROOT, "reusing %s (%.1f MB) from an earlier run%n", file, Files.size(file) / 1e6);
            return file;
        }
        out.printf(Locale.ROOT, "generating %s (footage-like scenes; long: keep it with --work DIR)...%n",
                file.getFileName());
        out.flush();
        long t0 = System.nanoTime();
        SyntheticVideo.Result r = SyntheticVideo.builder().size(w, h).fps(fps).textured(true)
                .sceneSeconds(scenes.stream().mapToDouble(Double::doubleValue).toArray()).build().write(file);
        out.printf(Locale.ROOT, "generated %s: %d frames, %d scenes, %s, %.1f MB in %.1f s%n", file.getFileName(),
                r.frameCount(), scenes.size(), r.videoCodec(), Files.size(file) / 1e6, (System.nanoTime() - t0) / 1e9);
        return file;
    }

    private static int even(int x) {
        return Math.max(16, x - x % 2);
    }

    /** Decoding every frame through JavaCV without converting pictures: the floor for any pipeline here. */
    static double javacvDecodeSeconds(Path file) throws Exception {
        long t0 = System.nanoTime();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            Frame f;
            while ((f = g.grabFrame(false, true, false, false, false)) != null) {
                // decode only
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {@code ffmpeg -i X -f null -} wall time, or null without the tool. */
    static Double ffmpegCliSeconds(Path file) {
        Path tool = Stream.of("/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (tool == null) {
            return null;
        }
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(tool.toString(), "-v", "error", "-i", file.toString(), "-f", "null", "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return (System.nanoTime() - t0) / 1e9;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The size images reach the extractor at (224 × 224 where it takes any size). */
    private static int[] modelInput(sspvs.summarize.FeatureExtractorSettings.Opened ex) {
        return ex.inputSize() != null ? ex.inputSize() : new int[] {224, 224};
    }

    /** The extractor alone on {@code steps} images of its input size, in the pipeline's batches. */
    private static double featuresAloneSeconds(sspvs.summarize.FeatureExtractorSettings.Opened ex, int steps) {
        int[] size = modelInput(ex);
        byte[] rgb = new byte[size[0] * size[1] * 3];
        new SplittableRandom(5).nextBytes(rgb);
        FrameImage image = new FrameImage(size[0], size[1], rgb);
        long t0 = System.nanoTime();
        for (int start = 0; start < steps; start += VideoFeaturePipeline.BATCH) {
            ex.extractor().extract(java.util.Collections.nCopies(Math.min(VideoFeaturePipeline.BATCH, steps - start),
                    image));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double paperScoringSeconds(NDManager manager, int steps) {
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] x = new float[steps][SummarizerSpec.FEATURE_WIDTH];
        for (float[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rnd.nextDouble();
            }
        }
        try (ProgressiveSummarizer paper = new ProgressiveSummarizer(SummarizerSpec.canonical(), manager, 2)) {
            long t0 = System.nanoTime();
            new WindowedScorer().score(paper, x);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
