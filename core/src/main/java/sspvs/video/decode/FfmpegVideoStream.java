package sspvs.video.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import sspvs.UserException;

/**
 * {@link VideoStream} on FFmpeg (JavaCV's grabber): seeks to each requested time and converts that one frame to RGB
 * at the stream's size (FFmpeg scales while converting), then turns it upright.
 */
public final class FfmpegVideoStream implements VideoStream {
    static {
        FfmpegLogging.errorsOnly();
    }

    private final VideoInfo info;
    private final FFmpegFrameGrabber grabber;
    private final int width;
    private final int height;
    private long base;
    private FrameImage last;

    private FfmpegVideoStream(VideoInfo info, FFmpegFrameGrabber grabber, int width, int height) {
        this.info = info;
        this.grabber = grabber;
        this.width = width;
        this.height = height;
    }

    /**
     * Opens {@code info.file()} for images of {@code width x height} as displayed.
     *
     * @throws UserException when FFmpeg cannot read it, naming the file and FFmpeg's reason
     */
    public static FfmpegVideoStream open(VideoInfo info, int width, int height) {
        int rotation = info.rotationDegrees();
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(info.file().toFile());
        grabber.setPixelFormat(AV_PIX_FMT_RGB24);
        grabber.setImageWidth(rotation % 180 == 0 ? width : height);
        grabber.setImageHeight(rotation % 180 == 0 ? height : width);
        FfmpegVideoStream stream = new FfmpegVideoStream(info, grabber, width, height);
        try {
            grabber.start();
            Frame first = grabber.grabImage();
            stream.base = first == null ? 0 : first.timestamp;
            stream.last = first == null ? new FrameImage(width, height, new byte[width * height * 3])
                    : copy(first).rotateClockwise(rotation);
            return stream;
        } catch (FrameGrabber.Exception e) {
            stream.close();
            throw cannotRead(info, e);
        }
    }

    @Override
    public VideoInfo info() {
        return info;
    }

    @Override
    public FrameImage frameAt(double seconds) {
        try {
            grabber.setTimestamp(base + Math.round(seconds * 1e6));
            Frame frame = grabber.grabImage();
            last = frame == null ? last : copy(frame).rotateClockwise(info.rotationDegrees());
            return last;
        } catch (FrameGrabber.Exception e) {
            throw cannotRead(info, e);
        }
    }

    /** The image size as displayed, {width, height}. */
    public int[] size() {
        return new int[] {width, height};
    }

    @Override
    public void close() {
        try {
            grabber.release();
        } catch (Exception ignored) {
            // closing after a failure: the first error is the one to report
        }
    }

    private static UserException cannotRead(VideoInfo info, FrameGrabber.Exception e) {
        return new UserException(info.file() + ": cannot read frames (" + FfmpegErrors.reason(e.getMessage()) + ")",
                e);
    }

    private static FrameImage copy(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        ByteBuffer buffer = ((ByteBuffer) frame.image[0]).duplicate();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buffer.position(y * frame.imageStride);
            buffer.get(rgb, y * w * 3, w * 3);
        }
        return new FrameImage(w, h, rgb);
    }
}
