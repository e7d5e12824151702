package sspvs.video.decode;

import java.nio.file.Path;

/**
 * What a video file declares about itself, read when it is opened (before decoding).
 *
 * @param file             the video file
 * @param durationSeconds  the container's duration (may include a longer audio track); 0 when unknown
 * @param fps              the video stream's nominal frame rate (average rate for variable-rate video)
 * @param declaredFrames   frame count the container declares, or an estimate from duration and rate;
 *                         the exact count is known only after decoding ({@link VideoSampling#frameCount()})
 * @param width            coded width in pixels (before rotation)
 * @param height           coded height in pixels (before rotation)
 * @param rotationDegrees  clockwise rotation a player applies for display: 0, 90, 180 or 270
 * @param hasAudio         whether the file has an audio stream
 * @param format           the container format name as FFmpeg reports it (e.g. {@code mov,mp4,m4a,3gp,3g2,mj2})
 * @param videoCodec       the video codec name (e.g. {@code h264})
 */
public record VideoInfo(Path file, double durationSeconds, double fps, long declaredFrames, int width,
                        int height, int rotationDegrees, boolean hasAudio, String format, String videoCodec) {

    /** Width as displayed, after rotation. */
    public int displayWidth() {
        return rotationDegrees % 180 == 0 ? width : height;
    }

    /** Height as displayed, after rotation. */
    public int displayHeight() {
        return rotationDegrees % 180 == 0 ? height : width;
    }
}
