package sspvs.video.decode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import sspvs.UserException;

/**
 * Decodes a video file with FFmpeg (JavaCV) and samples it at a fixed rate in video time, the way the eccv16
 * feature files were made (2 samples per second: for 30 fps video every 15th frame).
 *
 * <p><b>Sampling by timestamp.</b> Step {@code k} is taken at time {@code t_k = k / samplesPerSecond} seconds
 * after the first frame; its frame is the first decoded frame whose presentation timestamp is at or after
 * {@code t_k - ½ frame period} (the half period absorbs timestamp rounding). For constant-rate video this is
 * the frame nearest {@code k * fps / samplesPerSecond} (the earlier on a tie): at 30 fps frames 0, 15, 30, ...,
 * the eccv16 {@code picks}; for variable-rate video it follows the clock rather than frame counts, and where a
 * gap in the video covers several sample times the frame after the gap serves all of them. Frame indices
 * ({@code picks}) count the stream's frames from 0, as a full decode would. The eccv16 files took every 15th
 * frame whatever the rate; {@link #frameStride(int)} reproduces that exactly.
 *
 * <p><b>Speed.</b> Only the sampled frames are converted to RGB (converting every frame halves decode speed), and
 * frames that no other frame is predicted from and that no step uses are not decoded at all
 * ({@link VideoFrameReader}; most B-frames of x264-style files: up to about a quarter less decoding there, nothing
 * gained on files without them). The sampled images, picks and times are the same as a full decode's.
 *
 * <p><b>Rotation.</b> Phone videos often store a display rotation; sampled images are turned as a player
 * would show them ({@link VideoInfo#rotationDegrees()}).
 *
 * <p><b>Bad input.</b> A missing, empty, non-video, audio-only, undecodable or truncated file is a
 * {@link UserException} whose message names the file. A file whose decoded frames fall short of what its
 * container declares by more than 10% (and more than one second) is reported as damaged unless
 * {@link #allowTruncated(boolean)} is set.
 *
 * <p>Instances hold only settings; each decode opens and closes its own FFmpeg reader.
 */
public final class VideoDecoder {
    /** Sampling rate of the public eccv16 features (TVSum, SumMe): 2 frames per second of video. */
    public static final double DEFAULT_SAMPLES_PER_SECOND = 2.0;

    static {
        FfmpegLogging.errorsOnly();
    }

    /**
     * Hears how far decoding is: called on the decoding thread after every frame read, so it should be cheap.
     * {@code total} is what the container declares, raised to the frames seen when it under-declared (so
     * {@code done <= total} always), or -1 when it declares nothing.
     */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void framesRead(long done, long total);
    }

    /** Receives each sampled step as it is decoded. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(int step, int frameIndex, FrameImage image);
    }

    private double samplesPerSecond = DEFAULT_SAMPLES_PER_SECOND;
    private int frameStride;
    private int outputWidth;
    private int outputHeight;
    private Progress progress = Progress.NONE;
    private boolean allowTruncated;
    private boolean skipUnusedFrames = true;

    /** Samples per second of video time (default 2). */
    public VideoDecoder samplesPerSecond(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("samples per second must be positive, got " + value);
        }
        this.samplesPerSecond = value;
        return this;
    }

    /**
     * Sample every {@code stride}-th decoded frame (0, stride, 2*stride, ...) instead of by time: exactly the
     * eccv16 files' {@code picks} (stride 15 whatever the frame rate; equal to 2 per second at 30 fps).
     * 0 (the default) samples by time.
     */
    public VideoDecoder frameStride(int stride) {
        if (stride < 0) {
            throw new IllegalArgumentException("frame stride must be non-negative, got " + stride);
        }
        this.frameStride = stride;
        return this;
    }

    /**
     * Size of the sampled images as displayed (after rotation); FFmpeg scales while converting, which is
     * cheaper than resizing in Java and keeps memory small for long videos. Default: the video's own size.
     */
    public VideoDecoder outputSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + width + "x" + height);
        }
        this.outputWidth = width;
        this.outputHeight = height;
        return this;
    }

    /** Where to report frames read (default: nowhere). The decoder itself never prints. */
    public VideoDecoder progress(Progress value) {
        this.progress = Objects.requireNonNull(value, "progress");
        return this;
    }

    /** Accept a file that ends early (damaged or cut), keeping the frames that decode. */
    public VideoDecoder allowTruncated(boolean value) {
        this.allowTruncated = value;
        return this;
    }

    /**
     * Leave out, undecoded, frames that no other frame is predicted from and that no step uses (default on; the
     * sampled images are the same either way). Off decodes every frame, for comparison.
     */
    public VideoDecoder skipUnusedFrames(boolean value) {
        this.skipUnusedFrames = value;
        return this;
    }

    public double samplesPerSecond() {
        return samplesPerSecond;
    }

    /** Reads what the file declares without decoding frames. */
    public static VideoInfo probe(Path file) {
        FFmpegFrameGrabber grabber = open(file);
        try {
            return infoOf(file, grabber);
        } finally {
            closeQuietly(grabber);
        }
    }

    /** Decodes the file and keeps every sampled image in memory (fine for short videos or small output sizes). */
    public DecodedVideo decode(Path file) {
        List<FrameImage> images = new ArrayList<>();
        VideoSampling sampling = decode(file, (step, frameIndex, image) -> images.add(image));
        return new DecodedVideo(sampling, images);
    }

    /** Decodes the file, handing each sampled image to {@code sink} in step order; nothing is kept. */
    public VideoSampling decode(Path file, FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        VideoInfo info = probe(file);
        try (VideoFrameReader reader = VideoFrameReader.open(file)) {
            return sample(file, reader, info, sink);
        }
    }

    private VideoSampling sample(Path file, VideoFrameReader reader, VideoInfo info, FrameSink sink) {
        int rotation = info.rotationDegrees();
        // FFmpeg scales before we rotate, so ask it for the coded orientation.
        int codedW = rotation % 180 == 0 ? outputWidth : outputHeight;
        int codedH = rotation % 180 == 0 ? outputHeight : outputWidth;
        StepClock clock = new StepClock(1e6 / samplesPerSecond, info.fps() > 0 ? 0.5e6 / info.fps() : 0);
        List<Integer> picks = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        UnusedFrames unused = new UnusedFrames(clock);
        if (skipUnusedFrames && frameStride == 0) {
            reader.skipRule(unused);
        }
        boolean started = false;
        long firstTs = 0;
        long lastTs = 0;
        int step = 0;
        long total = info.declaredFrames() > 0 ? info.declaredFrames() : -1;
        while (reader.next()) {
            long ts = reader.timestampMicros();
            int frameIndex = reader.frameIndex();
            if (!started) {
                started = true;
                firstTs = ts;
                unused.start(ts);
            } else if (ts <= lastTs) {
                // missing or repeated timestamp: assume the nominal frame period, and trust no timestamp ahead
                reader.stopSkipping();
                ts = lastTs + (info.fps() > 0 ? Math.round(1e6 / info.fps()) : 1);
            }
            lastTs = ts;
            double relative = ts - firstTs;
            FrameImage image = null;
            if (frameStride > 0) {
                if (frameIndex % frameStride == 0) {
                    image = reader.image(codedW, codedH).rotateClockwise(rotation);
                    sink.accept(step, frameIndex, image);
                    picks.add(frameIndex);
                    times.add(relative / 1e6);
                    step++;
                }
            } else {
                while (step < clock.stepsUpTo(relative)) {
                    if (image == null) {
                        image = reader.image(codedW, codedH).rotateClockwise(rotation);
                    }
                    sink.accept(step, frameIndex, image);
                    picks.add(frameIndex);
                    times.add(clock.stepTime(step) / 1e6);
                    step++;
                }
            }
            long seen = frameIndex + 1L;
            if (total >= 0 && seen > total) {
                total = seen; // the container under-declared its length
            }
            progress.framesRead(seen, total);
        }
        int frames = reader.framesSeen();
        if (frames == 0) {
            throw new UserException(file + ": no video frame could be decoded (zero-length or damaged video)");
        }
        checkComplete(file, info, frames);
        return new VideoSampling(info, frames, reader.framesSkipped(), reader.framesDamaged(),
                picks.stream().mapToInt(Integer::intValue).toArray(),
                times.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A packet's frame is unused when an earlier frame already falls in the same step interval: every step due
     * by its time is taken by that frame or one before it. Undecided (false) until the first frame fixes time 0.
     */
    private static final class UnusedFrames implements VideoFrameReader.SkipRule {
        private final StepClock clock;
        private long firstTs;
        private boolean started;

        UnusedFrames(StepClock clock) {
            this.clock = clock;
        }

        void start(long firstTimestamp) {
            this.firstTs = firstTimestamp;
            this.started = true;
        }

        @Override
        public boolean skippable(long micros, long earlierMicros) {
            return started && earlierMicros >= firstTs
                    && clock.stepsUpTo(earlierMicros - firstTs) == clock.stepsUpTo(micros - firstTs);
        }
    }

    /**
     * Step {@code k} is due at {@code k * period}; a frame at {@code t} (microseconds after the first) takes every
     * step due by {@code t + half} not taken by an earlier frame.
     */
    record StepClock(double periodMicros, double halfFrameMicros) {
        /** How many steps are due by a frame at {@code relativeMicros}. */
        long stepsUpTo(double relativeMicros) {
            double limit = relativeMicros + halfFrameMicros;
            if (limit < 0) {
                return 0;
            }
            long n = (long) Math.floor(limit / periodMicros);
            // the division may round across an integer: settle with the same product the steps are taken by
            while (n >= 0 && stepTime(n) > limit) {
                n--;
            }
            while (stepTime(n + 1) <= limit) {
                n++;
            }
            return n + 1;
        }

        double stepTime(long step) {
            return step * periodMicros;
        }
    }

    private void checkComplete(Path file, VideoInfo info, int decoded) {
        long declared = info.declaredFrames();
        double oneSecond = info.fps() > 0 ? info.fps() : 25;
        if (!allowTruncated && declared > 0 && decoded < 0.9 * declared && declared - decoded > oneSecond) {
            throw new UserException(String.format(
                    "%s: damaged or truncated video: the container declares %d frames but only %d could be"
                            + " decoded (%.1f of %.1f s); repair it (e.g. re-encode with ffmpeg) or accept the"
                            + " decodable part explicitly", file, declared, decoded,
                    info.fps() > 0 ? decoded / info.fps() : 0, info.durationSeconds()));
        }
    }

    private static FFmpegFrameGrabber open(Path file) {
        if (!Files.exists(file)) {
            throw new UserException(file + ": video file not found");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new UserException(file + ": not a readable file");
        }
        try {
            if (Files.size(file) == 0) {
                throw new UserException(file + ": the file is empty (0 bytes), not a video");
            }
        } catch (java.io.IOException e) {
            throw new UserException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new UserException(file + ": FFmpeg cannot open this as a video (" + FfmpegErrors.reason(e.getMessage())
                    + "); is it a complete video file in a common format?", e);
        } catch (RuntimeException e) { // not a file problem FFmpeg reported: a bug, shown as one
            closeQuietly(grabber);
            throw e;
        }
        if (!grabber.hasVideo()) {
            String what = grabber.hasAudio() ? "only an audio stream" : "no audio or video stream";
            closeQuietly(grabber);
            throw new UserException(file + ": has no video stream (" + what + "); a video is needed");
        }
        if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
            closeQuietly(grabber);
            throw new UserException(file + ": the video stream has no picture size; its codec is not decodable");
        }
        return grabber;
    }

    private static VideoInfo infoOf(Path file, FFmpegFrameGrabber grabber) {
        double fps = grabber.getVideoFrameRate();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            fps = grabber.getFrameRate();
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            fps = 0;
        }
        long lengthMicros = grabber.getLengthInTime();
        double duration = lengthMicros > 0 ? lengthMicros / 1e6 : 0;
        long frames = Math.max(0, grabber.getLengthInVideoFrames());
        int width = codedDimension(grabber, true);
        int height = codedDimension(grabber, false);
        String codec = avcodec.avcodec_get_name(grabber.getVideoCodec()).getString();
        return new VideoInfo(file, duration, fps, frames, width, height, clockwiseRotation(grabber),
                grabber.hasAudio(), grabber.getFormat(), codec);
    }

    /** The stream's own size, not the size requested for output. */
    private static int codedDimension(FFmpegFrameGrabber grabber, boolean width) {
        var st = grabber.getFormatContext();
        for (int i = 0; i < st.nb_streams(); i++) {
            var par = st.streams(i).codecpar();
            if (par.codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return width ? par.width() : par.height();
            }
        }
        return width ? grabber.getImageWidth() : grabber.getImageHeight();
    }

    /**
     * FFmpeg reports the display matrix as a counter-clockwise angle; players turn the picture the other way
     * (the ffmpeg tool's autorotate does the same), so the clockwise rotation to apply is its negation.
     */
    private static int clockwiseRotation(FFmpegFrameGrabber grabber) {
        double ccw = grabber.getDisplayRotation();
        if (Double.isNaN(ccw)) {
            return 0;
        }
        int quarter = (int) Math.round(-ccw / 90.0);
        return Math.floorMod(quarter * 90, 360);
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one to report
        }
    }
}
