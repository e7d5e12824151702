package sspvs.video.decode;

import java.nio.file.Path;

/**
 * A video opened for random access by time: the one seam between the pipeline and the decoding library, as
 * PySceneDetect's {@code VideoStream} is (its FFmpeg implementation is {@link FfmpegVideoStream}). Images come as
 * displayed (turned upright) at the size the stream was opened with.
 *
 * <p>Sequential sampling of a whole video, which must decode every frame, is {@link VideoDecoder}'s job; a stream
 * serves the few frames wanted later (e.g. the shot thumbnails when features were reused).
 */
public interface VideoStream extends AutoCloseable {
    /** Opens a video for reading frames at a display size. */
    @FunctionalInterface
    interface Opener {
        /** The FFmpeg back end. */
        Opener FFMPEG = FfmpegVideoStream::open;

        VideoStream open(VideoInfo info, int width, int height);
    }

    /** What the file declares. */
    VideoInfo info();

    /**
     * The image shown at {@code seconds} after the first frame (the first frame at or after it); past the end, the
     * last image read (a black one when the stream holds none).
     */
    FrameImage frameAt(double seconds);

    /** The file this stream reads. */
    default Path file() {
        return info().file();
    }

    @Override
    void close();
}
