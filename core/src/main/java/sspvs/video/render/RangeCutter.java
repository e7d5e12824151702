package sspvs.video.render;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Copies pieces of the source into a recorder, one after another: the picture, the sound, or both.
 *
 * <p>For a piece of the range {@code [start, end)} (seconds after the video's first frame) the grabber seeks a
 * little before the piece (when it is far ahead) and decodes forward. A video frame is placed at its own time
 * offset within its range, {@code n = round((rangeOffset + t - start) * fps)}, and never on or before the frame
 * written before it. Audio (whole ranges only) is trimmed to the range at sample precision and padded with
 * silence or cut so that the sound written so far always equals the ranges' total length (a running total, so
 * rounding never accumulates): both streams advance by the same duration per range and stay in sync.
 *
 * <p>Frame numbers given to the recorder are relative to {@link #frameOrigin}: zero for the first part of a
 * summary, the number of its first frame for a later part, so each part's file starts at time zero and joining
 * the parts with their origins restores the summary's own numbering.
 */
final class RangeCutter {
    private static final double SEEK_MARGIN_SECONDS = 1.0;
    private static final long SEEK_AHEAD_MICROS = 5_000_000;

    private final FFmpegFrameGrabber grabber;
    private final FFmpegFrameRecorder recorder;
    private final long base;
    private final double fps;
    private final boolean video;
    private final int sampleRate;
    private final int channels;
    int videoFrames;
    /** The summary's number of the first frame this cutter recorded, or -1 before any (0 for a first part). */
    long frameOrigin = -1;
    /** The summary's number of the last frame recorded, or -1. */
    long lastFrameNumber = -1;
    long audioWritten;
    private Buffer[] silenceTemplate;
    private ByteBuffer packed; // a picture's planes without row padding
    private long position = Long.MIN_VALUE; // latest timestamp read, microseconds
    private Runnable onFrame = () -> { };

    /**
     * @param video      whether to copy the picture
     * @param sampleRate the sound's rate, or 0 to copy no sound
     * @param firstPart  whether this cutter writes the summary's start (frame numbers then count from zero)
     */
    RangeCutter(FFmpegFrameGrabber grabber, FFmpegFrameRecorder recorder, long base, double fps, boolean video,
            int sampleRate, int channels, boolean firstPart) {
        this.grabber = grabber;
        this.recorder = recorder;
        this.base = base;
        this.fps = fps;
        this.video = video;
        this.sampleRate = sampleRate;
        this.channels = channels;
        if (firstPart) {
            frameOrigin = 0;
        }
    }

    /** Called after each picture is encoded (e.g. to move a progress bar); by default nothing. */
    RangeCutter onFrame(Runnable value) {
        this.onFrame = value;
        return this;
    }

    void copy(SummaryParts.Piece piece) throws FrameGrabber.Exception, FrameRecorder.Exception {
        boolean audio = sampleRate > 0;
        if (audio && (piece.from() != piece.rangeStart() || piece.to() != piece.rangeEnd())) {
            throw new IllegalArgumentException("sound is cut by whole ranges only");
        }
        long rangeStartUs = base + Math.round(piece.rangeStart() * 1e6);
        long startUs = base + Math.round(piece.from() * 1e6);
        long endUs = base + Math.round(piece.to() * 1e6);
        long halfFrame = Math.round(0.5e6 / fps);
        long margin = Math.round(SEEK_MARGIN_SECONDS * 1e6);
        if (startUs - margin > Math.max(position, base) + SEEK_AHEAD_MICROS) {
            // far ahead: seek (FFmpeg lands on a key frame before the target; we drop what precedes it).
            // Near ranges are reached by reading on, which never depends on how a container seeks.
            grabber.setTimestamp(startUs - margin);
        }
        double rangeOffset = piece.rangeOffset();
        long audioTarget = Math.round((rangeOffset + piece.seconds()) * sampleRate); // running total at range end
        boolean videoDone = !video;
        boolean audioDone = !audio;
        Frame f;
        while ((!videoDone || !audioDone) && (f = grab()) != null) {
            position = Math.max(position, f.timestamp);
            if (f.image != null && !videoDone) {
                if (f.timestamp >= endUs - halfFrame) {
                    videoDone = true;
                } else if (f.timestamp >= startUs - halfFrame) {
                    long n = Math.round((rangeOffset + (f.timestamp - rangeStartUs) / 1e6) * fps);
                    n = Math.max(n, lastFrameNumber + 1);
                    if (frameOrigin < 0) {
                        frameOrigin = n;
                    }
                    recorder.setFrameNumber((int) (n - frameOrigin));
                    recordPicture(f);
                    lastFrameNumber = n;
                    videoFrames++;
                    onFrame.run();
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
        if (audio && audioWritten < audioTarget) {
            padSilence((int) (audioTarget - audioWritten));
        }
    }

    /**
     * Records a YUV 4:2:0 picture from the grabber. The grabber pads each row to a multiple of 64 bytes (all three
     * planes in one buffer), but the recorder takes only the luma stride and expects the chroma planes right
     * after {@code width * height} luma bytes, {@code width / 2} wide: for widths not a multiple of 64 (720, 854,
     * 160, ...) it would read the chroma from the wrong place and the summary's colours would be wrong. Such
     * pictures are packed tightly first; others go as they are.
     */
    private void recordPicture(Frame f) throws FrameRecorder.Exception {
        int w = f.imageWidth;
        int h = f.imageHeight;
        int stride = f.imageStride;
        if (stride == w) {
            recorder.record(f, AV_PIX_FMT_YUV420P);
            return;
        }
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        int cstride = (stride + 1) / 2;
        int size = w * h + 2 * cw * ch;
        if (packed == null || packed.capacity() != size) {
            packed = ByteBuffer.allocateDirect(size);
        }
        ByteBuffer src = ((ByteBuffer) f.image[0]).duplicate();
        src.clear(); // the grabber limits the buffer to the luma plane
        int at = 0;
        for (int y = 0; y < h; y++, at += w) {
            packed.put(at, src, y * stride, w);
        }
        int planeStart = stride * h;
        for (int plane = 0; plane < 2; plane++, planeStart += cstride * ch) {
            for (int y = 0; y < ch; y++, at += cw) {
                packed.put(at, src, planeStart + y * cstride, cw);
            }
        }
        recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 1, w, AV_PIX_FMT_YUV420P, packed);
    }

    /** Decodes only what this cutter copies: a picture-only grab never decodes sound, a sound-only one no picture. */
    private Frame grab() throws FrameGrabber.Exception {
        if (video && sampleRate > 0) {
            return grabber.grab();
        }
        return video ? grabber.grabImage() : grabber.grabSamples();
    }

    private void rememberFormat(Buffer[] samples) {
        if (silenceTemplate == null) {
            silenceTemplate = samples;
        }
    }

    private void padSilence(int n) throws FrameRecorder.Exception {
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
