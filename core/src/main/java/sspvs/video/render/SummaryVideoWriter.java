package sspvs.video.render;

import sspvs.video.decode.FfmpegErrors;
import sspvs.video.decode.FfmpegLogging;
import sspvs.video.decode.VideoDecoder;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import sspvs.UserException;

/**
 * Cuts the chosen shots out of a video and joins them, in order, into an MP4 (H.264 + AAC), keeping sound and
 * picture in step.
 *
 * <p><b>How.</b> For each time range {@code [start, end)} (seconds after the video's first frame) a grabber seeks
 * a little before {@code start} and decodes forward; video frames whose timestamps fall in the range are
 * re-encoded, audio is trimmed to the range at sample precision ({@link RangeCutter}). Each range's audio is
 * padded with silence or cut to exactly the range's length, and its video frames are placed at their own time
 * offset within the range: both streams advance by the same duration per range, so they stay in sync however
 * many shots are joined. Only the chosen ranges are decoded (seeking skips the rest).
 *
 * <p><b>On several cores.</b> The H.264 encoder uses one core. With more than one processor and a summary of
 * at least 4 s, the ranges are split into parts of equal length ({@link SummaryParts}); each part's picture is
 * encoded by its own thread into a temporary video-only MP4, the sound of all ranges by one more thread into a
 * temporary audio file, and {@link Mp4Joiner} joins them by copying packets, frame for frame on the timeline a
 * single pass would give. Should that fail, the summary is written again in a single pass (with a warning),
 * never left corrupt.
 *
 * <p>Video: H.264 through libopenh264 where this FFmpeg build has it (JavaCV's LGPL build does), else MPEG-4
 * Part 2; the display rotation is copied. Audio: AAC at 128 kb/s with FFmpeg's fast quantiser search. A source
 * without audio gives a summary without audio.
 */
public final class SummaryVideoWriter {
    static {
        FfmpegLogging.errorsOnly();
    }

    /** What was written. */
    public record Written(int videoFrames, long audioSamples, int sampleRate, boolean hasAudio, double seconds,
            String videoCodec) {}

    /** What writing needs to know of the source: frame rate, first frame's time (microseconds), sound, size. */
    record Source(double fps, long base, int sampleRate, int channels, int width, int height, double rotation) {
        boolean hasAudio() {
            return sampleRate > 0;
        }

        /** Reads a started grabber; this consumes frames, so restart it before cutting. */
        static Source of(FFmpegFrameGrabber g) throws FrameGrabber.Exception {
            double fps = g.getVideoFrameRate() > 0 ? g.getVideoFrameRate() : g.getFrameRate();
            if (!(fps > 0) || Double.isInfinite(fps)) {
                fps = 25;
            }
            long base = firstVideoTimestamp(g);
            boolean audio = g.hasAudio() && g.getAudioChannels() > 0 && g.getSampleRate() > 0;
            return new Source(fps, base, audio ? g.getSampleRate() : 0, audio ? g.getAudioChannels() : 0,
                    g.getImageWidth(), g.getImageHeight(), g.getDisplayRotation());
        }
    }

    private SummaryVideoWriter() {}

    /**
     * Writes {@code out} (not atomically: write into a temporary folder and move it) from the ranges of
     * {@code source}, on as many cores as help.
     *
     * @param ranges [start, end) in seconds after the first frame, ascending and disjoint
     */
    public static Written write(Path source, List<double[]> ranges, Path out) {
        return write(source, ranges, out, 0, n -> { }, w -> { });
    }

    /**
     * As {@link #write(Path, List, Path)}, telling {@code framesWritten} how many of the summary's frames are
     * encoded so far, as they are (from any thread; for a progress bar). Should writing fall back to a single
     * pass, the count starts again from zero, and {@code warnings} hears why.
     */
    public static Written write(Path source, List<double[]> ranges, Path out, LongConsumer framesWritten,
            Consumer<String> warnings) {
        return write(source, ranges, out, 0, framesWritten, warnings);
    }

    /**
     * As {@link #write(Path, List, Path)} in {@code parts} parts encoded at once; 0 chooses by the processors
     * and the summary's length, 1 is the single pass.
     */
    static Written write(Path source, List<double[]> ranges, Path out, int parts) {
        return write(source, ranges, out, parts, n -> { }, w -> { });
    }

    static Written write(Path source, List<double[]> ranges, Path out, int parts, LongConsumer framesWritten,
            Consumer<String> warnings) {
        return write(source, ranges, out, parts, framesWritten, warnings, ParallelSummaryWriter::write);
    }

    /** Writes the summary in parts: {@link ParallelSummaryWriter} but in tests of the fallback. */
    @FunctionalInterface
    interface PartsWriter {
        Written write(Path source, List<double[]> merged, Path out, int parts, Runnable onFrame) throws IOException;
    }

    static Written write(Path source, List<double[]> ranges, Path out, int parts, LongConsumer framesWritten,
            Consumer<String> warnings, PartsWriter partsWriter) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no time range to write");
        }
        List<double[]> merged = merged(ranges);
        int k = parts > 0 ? parts
                : SummaryParts.partCount(totalSeconds(merged), Runtime.getRuntime().availableProcessors());
        if (k > 1) {
            try {
                return partsWriter.write(source, merged, out, k, counter(framesWritten));
            } catch (IOException e) { // FFmpeg's FrameGrabber/FrameRecorder exceptions are IOExceptions
                // FFmpeg could not seek, encode or join the parts (a UserException, the source unreadable, and
                // any bug propagate: a single pass would not help them)
                warnings.accept(out + ": writing in " + k + " parts failed (" + FfmpegErrors.reason(e.getMessage())
                        + "); writing in one pass");
                try {
                    java.nio.file.Files.deleteIfExists(out); // whatever the join left; the single pass rewrites it
                } catch (java.io.IOException ignored) {
                    // the recorder truncates it anyway
                }
            }
        }
        return singlePass(source, merged, out, counter(framesWritten));
    }

    /** Counts frames from zero (one counter an attempt, shared by its threads) and reports each new total. */
    private static Runnable counter(LongConsumer framesWritten) {
        AtomicLong written = new AtomicLong();
        return () -> framesWritten.accept(written.incrementAndGet());
    }

    private static Written singlePass(Path source, List<double[]> merged, Path out, Runnable onFrame) {
        FFmpegFrameGrabber grabber = grabber(source);
        FFmpegFrameRecorder recorder = null;
        try {
            grabber.start();
            Source src = Source.of(grabber);
            grabber.restart(); // back to the very start (that first read consumed frames); seek only to skip far
            recorder = recorder(out, src, true, src.hasAudio());
            recorder.start();
            RangeCutter cutter = new RangeCutter(grabber, recorder, src.base(), src.fps(), true, src.sampleRate(),
                    src.channels(), true).onFrame(onFrame);
            for (SummaryParts.Piece range : SummaryParts.whole(merged)) {
                cutter.copy(range);
            }
            recorder.stop();
            return new Written(cutter.videoFrames, cutter.audioWritten, src.sampleRate(), src.hasAudio(),
                    totalSeconds(merged), videoEncoder());
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw cannotWrite(source, out, e);
        } finally {
            release(recorder, grabber);
        }
    }

    static UserException cannotWrite(Path source, Path out, Exception e) {
        return new UserException(source + ": cannot write the summary video " + out + " ("
                + FfmpegErrors.reason(e.getMessage()) + ")", e);
    }

    /**
     * The summary's video encoder: libopenh264 (H.264, what browsers play) where this FFmpeg build has it, else
     * MPEG-4 Part 2. Chosen here, by the writer, once.
     */
    static String videoEncoder() {
        return VIDEO_ENCODER;
    }

    private static final String VIDEO_ENCODER =
            avcodec.avcodec_find_encoder_by_name("libopenh264") != null ? "libopenh264" : "mpeg4";

    /** A grabber that decodes to the encoder's own pixel format (for yuv420p sources: no conversion at all). */
    static FFmpegFrameGrabber grabber(Path source) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        return grabber;
    }

    /** An MP4 recorder (not started) for the source's picture, sound or both, with the summary's settings. */
    static FFmpegFrameRecorder recorder(Path out, Source src, boolean video, boolean audio) {
        int width = video ? src.width() - src.width() % 2 : 0;
        int height = video ? src.height() - src.height() % 2 : 0;
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height,
                audio ? src.channels() : 0);
        recorder.setFormat("mp4");
        if (video) {
            double fps = src.fps();
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setGopSize((int) Math.max(1, Math.round(fps * 2)));
            if (videoEncoder().equals("libopenh264")) {
                recorder.setVideoCodecName("libopenh264");
                recorder.setVideoCodec(AV_CODEC_ID_H264);
                recorder.setVideoBitrate(Math.max(300_000, (int) Math.min(8_000_000L, (long) width * height * 4L)));
            } else {
                recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
                recorder.setVideoQuality(3);
            }
            if (!Double.isNaN(src.rotation()) && src.rotation() != 0) {
                recorder.setDisplayRotation(src.rotation());
            }
        }
        if (audio) {
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(src.sampleRate());
            recorder.setAudioChannels(src.channels());
            recorder.setAudioBitrate(128_000);
            // FFmpeg's AAC encoder searches quantisers with its 'twoloop' coder by default; 'fast' takes less
            // time per second of sound at this bitrate (measured: docs/performance.md).
            recorder.setAudioOption("aac_coder", "fast");
        }
        return recorder;
    }

    /** Releases both, ignoring errors (the first error is the one to report). */
    static void release(FFmpegFrameRecorder recorder, FFmpegFrameGrabber grabber) {
        try {
            if (recorder != null) {
                recorder.release();
            }
        } catch (Exception ignored) {
            // as documented
        }
        try {
            grabber.release();
        } catch (Exception ignored) {
            // as documented
        }
    }

    /** Joins ranges that touch (adjacent chosen shots), so no frame at a shared boundary is lost. */
    static List<double[]> merged(List<double[]> ranges) {
        List<double[]> out = new java.util.ArrayList<>();
        for (double[] r : ranges) {
            double[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] <= last[1] + 1e-6) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new double[] {r[0], r[1]});
            }
        }
        return out;
    }

    /** The summary's length, summed range by range as the cutter places them. */
    static double totalSeconds(List<double[]> merged) {
        double seconds = 0;
        for (double[] r : merged) {
            seconds += r[1] - r[0];
        }
        return seconds;
    }

    private static long firstVideoTimestamp(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        Frame f;
        while ((f = grabber.grabFrame(false, true, false, false, false)) != null) {
            if (f.image != null) {
                return f.timestamp;
            }
        }
        throw new UserException(grabber.getFormat() + ": no video frame to cut");
    }
}
