package sspvs.summarize;

import sspvs.data.Shots;

import sspvs.shots.KernelTemporalSegmentation;
import sspvs.video.decode.FfmpegErrors;
import sspvs.video.decode.FrameImage;
import sspvs.video.decode.VideoDecoder;
import sspvs.video.decode.VideoStream;
import sspvs.video.decode.VideoInfo;
import sspvs.video.decode.VideoSampling;
import sspvs.video.features.FeatureExtractor;
import sspvs.video.features.FeatureFile;
import sspvs.video.features.VideoFeaturePipeline;
import sspvs.video.features.VideoFeatures;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;
import sspvs.eval.FrameScores;
import sspvs.eval.Summary;
import sspvs.eval.SummaryBuilder;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.WindowedScorer;

/**
 * The end-user pipeline from a video file to a summary, without writing anything: features (decoded now with a
 * {@link FeatureExtractor}, or reused from a {@link FeatureFile}), shots by {@link KernelTemporalSegmentation},
 * scores from a {@link ProgressiveSummarizer} ({@link WindowedScorer} for long videos), then the evaluation's own
 * chain — {@link FrameScores#upsample} and {@link SummaryBuilder} (shot means, 0/1 knapsack within the ratio) —
 * so a user's summary is made exactly as the benchmark's are. {@link sspvs.summarize.SummaryOutputs} writes the
 * files.
 *
 * <p><b>Sampling.</b> 2 samples per second by timestamp ({@link VideoDecoder}'s default), not every 15th frame:
 * users' videos come at 24, 25, 50, 60 fps or variable rates, where a fixed stride would change the model's time
 * scale (it was trained at 2 steps per second); for 30 fps video both give the same picks.
 */
public final class VideoSummarizer {
    /** Width of the shot thumbnails in the report, pixels. */
    public static final int THUMBNAIL_WIDTH = 160;

    private final ProgressiveSummarizer model;
    private final VideoSummary.ModelProvenance provenance;
    private final SummaryBuilder builder;
    private final WindowedScorer scorer;
    private ProgressListener listener = ProgressListener.NONE;
    private VideoStream.Opener streams = VideoStream.Opener.FFMPEG;

    public VideoSummarizer(ProgressiveSummarizer model, VideoSummary.ModelProvenance provenance, double ratio,
            WindowedScorer scorer) {
        this.model = model;
        this.provenance = provenance;
        this.builder = new SummaryBuilder(ratio);
        this.scorer = scorer;
    }

    /**
     * Where progress and warnings go (default: nowhere): stages {@link Stage#DECODE_AND_FEATURES},
     * {@link Stage#SHOTS} and {@link Stage#SCORES}, in that order.
     */
    public VideoSummarizer listener(ProgressListener value) {
        this.listener = java.util.Objects.requireNonNull(value, "listener");
        return this;
    }

    /** How frames are read back for thumbnails when features were reused (default: FFmpeg). */
    public VideoSummarizer streams(VideoStream.Opener value) {
        this.streams = java.util.Objects.requireNonNull(value, "streams");
        return this;
    }

    /**
     * Decodes {@code video}, extracts features and summarises.
     *
     * @param extractorName provenance of the features, e.g. {@code onnx:googlenet-12.onnx#pool5/7x7_s1_2}
     * @param extractorSha256 SHA-256 of the extractor's model file, or "" when it has none
     * @param inputSizeOrNull the extractor's input size {w, h}: frames are decoded straight to it when it is at
     *     least thumbnail-sized (FFmpeg scales on conversion), else to thumbnail size
     */
    public VideoSummary summarize(Path video, FeatureExtractor extractor, String extractorName,
            String extractorSha256, int[] inputSizeOrNull) {
        checkWidth(extractor.dimension(), "the feature extractor " + extractorName + " gives");
        Map<String, Double> seconds = new LinkedHashMap<>();
        VideoInfo info = VideoDecoder.probe(video);
        requireEncodableSize(info);
        // the file's hash is read while decoding runs (I/O and a core the decoder leaves idle)
        java.util.concurrent.CompletableFuture<String> hash =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> sspvs.io.Sha256.of(video));
        int thumbH = thumbnailHeight(info);
        long declared = info.declaredFrames() > 0 ? info.declaredFrames() : -1;
        listener.stageStarted(Stage.DECODE_AND_FEATURES, declared);
        VideoDecoder decoder = new VideoDecoder()
                .progress((done, total) -> listener.progress(Stage.DECODE_AND_FEATURES, done, total));
        if (inputSizeOrNull != null && inputSizeOrNull[0] * inputSizeOrNull[1] >= THUMBNAIL_WIDTH * thumbH) {
            decoder.outputSize(inputSizeOrNull[0], inputSizeOrNull[1]);
        } else {
            decoder.outputSize(THUMBNAIL_WIDTH, thumbH);
        }
        VideoFeaturePipeline.Result r = new VideoFeaturePipeline(decoder, extractor, THUMBNAIL_WIDTH).run(video);
        seconds.put("decode_and_features", r.seconds());
        listener.stageFinished(Stage.DECODE_AND_FEATURES, r.seconds());
        VideoSampling sampled = r.sampling();
        if (sampled.framesDamaged() > 0) {
            listener.warning(String.format(java.util.Locale.ROOT, "%s: %d of %d frames are damaged; FFmpeg "
                    + "concealed the errors, and concealed pictures (so the features and the summary made from "
                    + "them) may differ slightly from run to run", video, sampled.framesDamaged(),
                    sampled.frameCount()));
        }
        String sha;
        try {
            sha = hash.join();
        } catch (java.util.concurrent.CompletionException e) { // the hashing thread's failure, as it was thrown
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        seconds.put("features_busy", r.extractSeconds());
        VideoSampling s = r.sampling();
        VideoFeatures features = new VideoFeatures(video.getFileName().toString(), sha, r.features(), s.picks(),
                s.sampleTimes(), s.frameCount(), s.info().fps(), extractorName, extractorSha256);
        return finish(s.info(), sha, features, false, s.framesDamaged(), null, r.thumbnails(), seconds);
    }

    /** Summarises {@code video} with features read from a features file (no decoding but for thumbnails). */
    public VideoSummary summarize(Path video, Path featuresFile, FeatureFile.Contents stored) {
        VideoFeatures f = stored.features();
        checkWidth(f.dimension(), featuresFile + " holds");
        Map<String, Double> seconds = new LinkedHashMap<>();
        listener.stageStarted(Stage.DECODE_AND_FEATURES, -1);
        VideoInfo info = VideoDecoder.probe(video);
        requireEncodableSize(info);
        long t0 = System.nanoTime();
        String sha = sspvs.io.Sha256.of(video);
        seconds.put("hash", since(t0));
        listener.stageFinished(Stage.DECODE_AND_FEATURES, since(t0));
        if (!f.videoSha256().isEmpty() && !f.videoSha256().equals(sha)) {
            throw new UserException(featuresFile + ": these features were made from another file ("
                    + f.videoName() + ", SHA-256 " + f.videoSha256().substring(0, 12) + "...), not " + video
                    + " (" + sha.substring(0, 12) + "...)");
        }
        return finish(info, sha, f, true, 0, stored.shotsOrNull(), null, seconds);
    }

    /** The smallest picture summary.mp4's encoder takes; 17x15 (16x14 once made even) failed as "Unknown error". */
    static final int MIN_PICTURE_SIDE = 16;

    /** Refuses, before any work, a picture too small for the summary video, saying so instead of the encoder's error. */
    static void requireEncodableSize(VideoInfo info) {
        if (info.width() > 0 && (info.width() < MIN_PICTURE_SIDE || info.height() < MIN_PICTURE_SIDE)) {
            throw new UserException(info.file() + ": the picture is " + info.width() + "x" + info.height()
                    + " pixels; summary.mp4 needs at least " + MIN_PICTURE_SIDE + "x" + MIN_PICTURE_SIDE);
        }
    }

    private VideoSummary finish(VideoInfo info, String sha, VideoFeatures f, boolean reused, int damagedFrames,
            Shots storedShots, List<byte[]> stepThumbnails, Map<String, Double> seconds) {
        Path video = info.file();
        if (f.steps() < 2) {
            throw new UserException(video + ": too short to summarise: " + f.steps() + " sampled step(s) ("
                    + String.format("%.2f", f.nFrames() / Math.max(1e-9, f.fps())) + " s); at least 1 s of video "
                    + "is needed");
        }
        long t = System.nanoTime();
        listener.stageStarted(Stage.SHOTS, 1);
        Shots shots = storedShots;
        if (shots == null) {
            int cap = maxShotSteps(f, builder.capacity(f.nFrames()));
            if (cap < 1) {
                throw new UserException(String.format("%s: too short to summarise at ratio %.2f: its %.1f s give a "
                        + "%.2f s summary, shorter than one sampled step (%.1f s)", video, builder.ratio(),
                        f.nFrames() / f.fps(), builder.capacity(f.nFrames()) / f.fps(), f.nFrames() / f.fps()
                        / f.steps()));
            }
            KernelTemporalSegmentation kts = new KernelTemporalSegmentation().maxSegmentSteps(cap);
            shots = kts.segment(f.features()).toShots(f.picks(), f.nFrames());
        }
        seconds.put("kts", since(t));
        listener.progress(Stage.SHOTS, 1, 1);
        listener.stageFinished(Stage.SHOTS, since(t));

        t = System.nanoTime();
        long tScores = t;
        // a minute for an hour of video on 2 cores, with no bar to move: say what is happening
        int windows = scorer.windowStarts(f.steps()).length;
        listener.stageStarted(Stage.SCORES, windows);
        listener.message(String.format(java.util.Locale.ROOT, "Scoring %d steps%s...", f.steps(),
                windows > 1 ? " in " + windows + " windows" : ""));
        float[] stepScores = scorer.score(model, f.features());
        requireFiniteScores(stepScores);
        seconds.put("scoring", since(t));

        t = System.nanoTime();
        float[] frameScores = FrameScores.upsample(stepScores, f.picks(), f.nFrames());
        double fps = f.fps() > 0 ? f.fps() : 30; // as VideoSummary.fps()
        FrameClock clock = FrameClock.of(f, fps);
        // the budget is ratio x duration: at a variable rate a shot weighs its seconds (in frames at the average
        // rate, so n_frames still sets the capacity), not its frame count
        int[] weights = clock.variable() ? timeWeights(clock, shots, fps) : shots.nFramePerSeg();
        Summary chosen = builder.build(relativeToBest(frameScores), shots.changePoints(), weights, f.nFrames());
        // the outputs show the model's own shot scores; only the choice was made on the rescaled ones
        Summary summary = new Summary(FrameScores.shotMeans(frameScores, shots.changePoints()),
                chosen.selectedShots(), clock.variable() ? frameFlags(chosen.selectedShots(), shots.nFramePerSeg())
                        : chosen.frames(), chosen.capacity());
        seconds.put("summary", since(t));
        listener.progress(Stage.SCORES, windows, windows);
        if (summary.selectedFrames() == 0) {
            int shortest = java.util.Arrays.stream(weights).min().orElse(f.nFrames());
            throw new UserException(String.format("%s: no shot fits a %.0f%% summary: the video's %d shot(s) are "
                    + "at least %.1f s, the budget is %.1f s (%d of %d frames); the video is shorter than one shot "
                    + "at this ratio: raise the summary ratio or use a longer video", video, builder.ratio() * 100,
                    shots.count(), shortest / Math.max(1e-9, f.fps()), summary.capacity() / Math.max(1e-9, f.fps()),
                    summary.capacity(), f.nFrames()));
        }

        t = System.nanoTime();
        List<byte[]> thumbs = shotThumbnails(info, f, shots, stepThumbnails);
        seconds.put("thumbnails", since(t));
        listener.stageFinished(Stage.SCORES, since(tScores));
        return new VideoSummary(info, sha, f, reused, damagedFrames, shots,
                stepScores, frameScores, summary, builder.ratio(), thumbs, provenance,
                scorer.windowStarts(f.steps()).length, seconds);
    }

    /** Each shot's duration in frames at the average rate {@code fps} (at least 1). */
    static int[] timeWeights(FrameClock clock, Shots shots, double fps) {
        int[][] cps = shots.changePoints();
        int[] w = new int[cps.length];
        for (int s = 0; s < cps.length; s++) {
            w[s] = Math.max(1, (int) Math.round((clock.seconds(cps[s][1] + 1) - clock.seconds(cps[s][0])) * fps));
        }
        return w;
    }

    /** One flag per frame of the video, set in the selected shots. */
    static boolean[] frameFlags(boolean[] selected, int[] nFramePerSeg) {
        boolean[] frames = new boolean[java.util.Arrays.stream(nFramePerSeg).sum()];
        int at = 0;
        for (int s = 0; s < nFramePerSeg.length; s++) {
            if (selected[s]) {
                java.util.Arrays.fill(frames, at, at + nFramePerSeg[s], true);
            }
            at += nFramePerSeg[s];
        }
        return frames;
    }

    /**
     * Frame scores divided by their maximum, for choosing shots. The knapsack, like the reference's, truncates shot
     * scores x1000 to integers; a weak or untrained model's scores (a product of several sigmoids) can all be below
     * 0.001 and would truncate to zero, leaving a summary of one arbitrary shot. Dividing by the maximum keeps
     * every ratio between shot scores, so the choice is the one the raw scores would give at full precision.
     * The benchmark evaluation ({@code sspvs evaluate}) keeps the reference's raw scores.
     */
    static float[] relativeToBest(float[] frameScores) {
        float max = 0;
        for (float v : frameScores) {
            max = Math.max(max, v);
        }
        if (!(max > 0)) {
            return frameScores;
        }
        float[] out = new float[frameScores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = frameScores[i] / max;
        }
        return out;
    }

    /**
     * The longest shot KTS may form, in steps: the summary's frame budget in steps (so that every shot but perhaps
     * the last, which runs to the final frame, fits the budget and a short video still gets a summary), and at
     * most {@link KernelTemporalSegmentation#DEFAULT_MAX_SEGMENT_STEPS}. Long videos are unaffected (their budget
     * exceeds that bound); KTS alone picks a single shot for most clips under a minute.
     */
    static int maxShotSteps(VideoFeatures f, int capacityFrames) {
        double framesPerStep = f.nFrames() / (double) f.steps();
        int steps = (int) Math.floor(capacityFrames / Math.ceil(framesPerStep));
        return Math.min(KernelTemporalSegmentation.DEFAULT_MAX_SEGMENT_STEPS, steps);
    }

    private void checkWidth(int width, String what) {
        int d = model.spec().dModel();
        if (width != d) {
            throw new UserException(what + " " + width + "-d features, but the model expects " + d + "-d ("
                    + provenance.file() + "); use the features the model was trained on (GoogLeNet pool5 for the "
                    + "published models)");
        }
    }

    /** The middle step of every shot, from the decoded thumbnails or, when features were reused, by seeking. */
    private List<byte[]> shotThumbnails(VideoInfo info, VideoFeatures f, Shots shots, List<byte[]> steps) {
        int[][] cps = shots.changePoints();
        int[] middleStep = new int[cps.length];
        for (int s = 0; s < cps.length; s++) {
            int mid = (cps[s][0] + cps[s][1]) / 2;
            int best = 0;
            for (int i = 0; i < f.picks().length; i++) {
                if (f.picks()[i] <= mid) {
                    best = i;
                }
            }
            middleStep[s] = best;
        }
        List<byte[]> out = new ArrayList<>();
        if (steps != null && steps.size() == f.steps()) {
            for (int s : middleStep) {
                out.add(steps.get(s));
            }
            return out;
        }
        double[] times = new double[cps.length];
        for (int s = 0; s < cps.length; s++) {
            times[s] = f.sampleTimes()[middleStep[s]];
        }
        for (FrameImage img : framesAt(info, times, THUMBNAIL_WIDTH, thumbnailHeight(info))) {
            out.add(VideoFeaturePipeline.jpeg(img));
        }
        return out;
    }

    static int thumbnailHeight(VideoInfo info) {
        int h = (int) Math.round(THUMBNAIL_WIDTH * (double) info.displayHeight() / Math.max(1, info.displayWidth()));
        return Math.max(2, h + h % 2);
    }

    /** One displayed-orientation image at (or just after) each time, seconds after the first frame. */
    private List<FrameImage> framesAt(VideoInfo info, double[] times, int width, int height) {
        List<FrameImage> out = new ArrayList<>();
        try (VideoStream stream = streams.open(info, width, height)) {
            for (double t : times) {
                out.add(stream.frameAt(t));
            }
        }
        return out;
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A summary chosen from NaN scores would look like a result: refuse it (finite weights and features can still overflow). */
    private void requireFiniteScores(float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (!Float.isFinite(scores[i])) {
                throw new UserException(provenance.file() + ": the model scored step " + i + " of " + scores.length
                        + " as " + scores[i] + " (non-finite); no summary written");
            }
        }
    }
}
