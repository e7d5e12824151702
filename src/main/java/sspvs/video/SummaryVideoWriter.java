package sspvs.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import sspvs.UserException;

/**
 * Cuts the chosen shots out of a video and joins them, in order, into an MP4 (H.264 + AAC), keeping sound and
 * picture in step.
 *
 * <p><b>How.</b> For each time range {@code [start, end)} (seconds after the video's first frame) the grabber seeks
 * a little before {@code start} and decodes forward; video frames whose timestamps fall in the range are
 * re-encoded, audio is trimmed to the range at sample precision. Each range's audio is padded with silence or cut
 * to exactly the range's length (a running total, so rounding never accumulates), and its video frames are
 * placed at their own time offset within the range: both streams advance by the same duration per range, so they
 * stay in sync however many shots are joined. Only the chosen ranges are decoded (seeking skips the rest).
 *
 * <p>Video: H.264 through libopenh264 where this FFmpeg build has it (JavaCV's LGPL build does), else MPEG-4
 * Part 2; the display rotation is copied. Audio: AAC at 128 kb/s with FFmpeg's fast quantiser search. A source
 * without audio gives a summary without audio.
 */
public final class SummaryVideoWriter {
    static {
        FfmpegLogging.errorsOnly();
    }

    private static final double SEEK_MARGIN_SECONDS = 1.0;
    private static final long SEEK_AHEAD_MICROS = 5_000_000;

    /** What was written. */
    public record Written(int videoFrames, long audioSamples, int sampleRate, boolean hasAudio, double seconds,
            String videoCodec) {}

    private SummaryVideoWriter() {}

    /**
     * Writes {@code out} (not atomically: write into a temporary folder and move it) from the ranges of
     * {@code source}.
     *
     * @param ranges [start, end) in seconds after the first frame, ascending and disjoint
     */
    public static Written write(Path source, List<double[]> ranges, Path out) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no time range to write");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
        // decode to the encoder's own pixel format: for the usual yuv420p sources no colour conversion at all
        grabber.setPixelFormat(AV_PIX_FMT_YUV420P);
        FFmpegFrameRecorder recorder = null;
        try {
            grabber.start();
            double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
            if (!(fps > 0) || Double.isInfinite(fps)) {
                fps = 25;
            }
            long base = firstVideoTimestamp(grabber);
            grabber.restart(); // back to the very start (that first read consumed frames); seek only to skip far
            boolean audio = grabber.hasAudio() && grabber.getAudioChannels() > 0 && grabber.getSampleRate() > 0;
            int sampleRate = audio ? grabber.getSampleRate() : 0;
            int channels = audio ? grabber.getAudioChannels() : 0;
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            recorder = new FFmpegFrameRecorder(out.toFile(), width - width % 2, height - height % 2, channels);
            recorder.setFormat("mp4");
            recorder.setFrameRate(fps);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setGopSize((int) Math.max(1, Math.round(fps * 2)));
            String codec = SyntheticVideo.preferredVideoEncoder();
            if (codec.equals("libopenh264")) {
                recorder.setVideoCodecName("libopenh264");
                recorder.setVideoCodec(AV_CODEC_ID_H264);
                recorder.setVideoBitrate(Math.max(300_000, (int) Math.min(8_000_000L, (long) width * height * 4L)));
            } else {
                recorder.setVideoCodec(AV_CODEC_ID_MPEG4);
                recorder.setVideoQuality(3);
            }
            double rotation = grabber.getDisplayRotation();
            if (!Double.isNaN(rotation) && rotation != 0) {
                recorder.setDisplayRotation(rotation);
            }
            if (audio) {
                recorder.setAudioCodec(AV_CODEC_ID_AAC);
                recorder.setSampleRate(sampleRate);
                recorder.setAudioChannels(channels);
                recorder.setAudioBitrate(128_000);
                // FFmpeg's AAC encoder searches quantisers with its 'twoloop' coder by default; 'fast' takes 40%
                // less time per second of sound (audio of a 6 s summary: 0.115 s -> 0.07 s) at this bitrate.
                recorder.setAudioOption("aac_coder", "fast");
            }
            recorder.start();

            Cutter cutter = new Cutter(grabber, recorder, base, fps, sampleRate, channels);
            for (double[] range : merged(ranges)) {
                cutter.copy(range[0], range[1]);
            }
            recorder.stop();
            return new Written(cutter.videoFrames, cutter.audioWritten, sampleRate, audio, cutter.outSeconds, codec);
        } catch (org.bytedeco.javacv.FrameGrabber.Exception | org.bytedeco.javacv.FrameRecorder.Exception e) {
            throw new UserException(source + ": cannot write the summary video " + out + " ("
                    + VideoDecoder.ffmpegReason(e.getMessage()) + ")", e);
        } finally {
            try {
                if (recorder != null) {
                    recorder.release();
                }
            } catch (Exception ignored) {
                // the first error is the one to report
            }
            try {
                grabber.release();
            } catch (Exception ignored) {
                // as above
            }
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

    private static long firstVideoTimestamp(FFmpegFrameGrabber grabber) throws org.bytedeco.javacv.FrameGrabber.Exception {
        Frame f;
        while ((f = grabber.grabFrame(false, true, false, false, false)) != null) {
            if (f.image != null) {
                return f.timestamp;
            }
        }
        throw new UserException(grabber.getFormat() + ": no video frame to cut");
    }

    /** Copies ranges one after another, tracking the output's running length. */
    private static final class Cutter {
        final FFmpegFrameGrabber grabber;
        final FFmpegFrameRecorder recorder;
        final long base;
        final double fps;
        final int sampleRate;
        final int channels;
        int videoFrames;
        long lastFrameNumber = -1;
        long audioWritten;
        double outSeconds;
        Buffer[] silenceTemplate;
        long position = Long.MIN_VALUE; // latest timestamp read, microseconds

        Cutter(FFmpegFrameGrabber grabber, FFmpegFrameRecorder recorder, long base, double fps, int sampleRate,
                int channels) {
            this.grabber = grabber;
            this.recorder = recorder;
            this.base = base;
            this.fps = fps;
            this.sampleRate = sampleRate;
            this.channels = channels;
        }

        void copy(double start, double end) throws org.bytedeco.javacv.FrameGrabber.Exception,
                org.bytedeco.javacv.FrameRecorder.Exception {
            long startUs = base + Math.round(start * 1e6);
            long endUs = base + Math.round(end * 1e6);
            long halfFrame = Math.round(0.5e6 / fps);
            long margin = Math.round(SEEK_MARGIN_SECONDS * 1e6);
            if (startUs - margin > Math.max(position, base) + SEEK_AHEAD_MICROS) {
                // far ahead: seek (FFmpeg lands on a key frame before the target; we drop what precedes it).
                // Near ranges are reached by reading on, which never depends on how a container seeks.
                grabber.setTimestamp(startUs - margin);
            }
            double rangeOffset = outSeconds;
            long audioTarget = Math.round((outSeconds + (end - start)) * sampleRate); // running total at range end
            boolean videoDone = false;
            boolean audioDone = sampleRate == 0;
            Frame f;
            while ((!videoDone || !audioDone) && (f = grabber.grab()) != null) {
                position = Math.max(position, f.timestamp);
                if (f.image != null && !videoDone) {
                    if (f.timestamp >= endUs - halfFrame) {
                        videoDone = true;
                    } else if (f.timestamp >= startUs - halfFrame) {
                        long n = Math.round((rangeOffset + (f.timestamp - startUs) / 1e6) * fps);
                        n = Math.max(n, lastFrameNumber + 1);
                        recorder.setFrameNumber((int) n);
                        recorder.record(f, AV_PIX_FMT_YUV420P);
                        lastFrameNumber = n;
                        videoFrames++;
                    }
                } else if (f.samples != null && !audioDone) {
                    int perChannel = sampleCount(f);
                    long fStart = f.timestamp;
                    long fEnd = fStart + Math.round(perChannel * 1e6 / sampleRate);
                    if (fStart >= endUs) {
                        audioDone = true;
                    } else if (fEnd > startUs) {
                        int from = (int) Math.max(0, Math.round((startUs - fStart) * sampleRate / 1e6));
                        int to = (int) Math.min(perChannel, Math.round((endUs - fStart) * sampleRate / 1e6));
                        to = (int) Math.min(to, from + (audioTarget - audioWritten));
                        if (to > from) {
                            recorder.recordSamples(sampleRate, channels, slice(f.samples, channels, from, to));
                            audioWritten += to - from;
                            rememberFormat(f.samples);
                        }
                        if (audioWritten >= audioTarget) {
                            audioDone = true;
                        }
                    }
                }
            }
            if (sampleRate > 0 && audioWritten < audioTarget) {
                padSilence((int) (audioTarget - audioWritten));
            }
            outSeconds += end - start;
        }

        private void rememberFormat(Buffer[] samples) {
            if (silenceTemplate == null) {
                silenceTemplate = samples;
            }
        }

        private void padSilence(int n) throws org.bytedeco.javacv.FrameRecorder.Exception {
            Buffer[] like = silenceTemplate != null ? silenceTemplate : new Buffer[] {ShortBuffer.allocate(1)};
            boolean planar = like.length > 1;
            int per = planar ? n : n * channels;
            Buffer[] out = new Buffer[like.length];
            for (int c = 0; c < like.length; c++) {
                out[c] = silence(like[c], per);
            }
            recorder.recordSamples(sampleRate, channels, out);
            audioWritten += n;
        }

        private int sampleCount(Frame f) {
            Buffer b = f.samples[0];
            int values = b.limit();
            return f.samples.length > 1 ? values : values / Math.max(1, channels);
        }
    }

    /** Samples [from, to) of every channel: planar buffers are cut alike, interleaved ones by whole frames. */
    static Buffer[] slice(Buffer[] samples, int channels, int from, int to) {
        boolean planar = samples.length > 1;
        int stride = planar ? 1 : channels;
        Buffer[] out = new Buffer[samples.length];
        for (int c = 0; c < samples.length; c++) {
            Buffer b = samples[c].duplicate();
            b.limit(Math.min(b.limit(), to * stride));
            b.position(from * stride);
            out[c] = b.slice();
        }
        return out;
    }

    private static Buffer silence(Buffer like, int values) {
        if (like instanceof ShortBuffer) {
            return ShortBuffer.allocate(values);
        }
        if (like instanceof FloatBuffer) {
            return FloatBuffer.allocate(values);
        }
        if (like instanceof IntBuffer) {
            return IntBuffer.allocate(values);
        }
        if (like instanceof DoubleBuffer) {
            return DoubleBuffer.allocate(values);
        }
        ByteBuffer b = ByteBuffer.allocate(values); // unsigned 8-bit: silence is the middle value
        java.util.Arrays.fill(b.array(), (byte) 0x80);
        return b;
    }
}
