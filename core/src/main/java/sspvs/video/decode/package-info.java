/**
 * Decoding: from a video file to sampled, upright RGB frames and what the file declares.
 *
 * <p>{@link sspvs.video.decode.VideoDecoder} samples a whole video at 2 frames per second of video time (by
 * timestamp, so any or a variable frame rate keeps the model's time scale), reporting {@link
 * sspvs.video.decode.VideoInfo} and {@link sspvs.video.decode.VideoSampling} ({@code picks}, {@code n_frames});
 * {@link sspvs.video.decode.VideoFrameReader} leaves out frames nothing needs. {@link
 * sspvs.video.decode.VideoStream} is the one seam for reading single frames by time, as PySceneDetect's
 * {@code VideoStream}; {@link sspvs.video.decode.FfmpegVideoStream} is its FFmpeg implementation.
 * {@link sspvs.video.decode.FfmpegErrors} turns FFmpeg's error codes into words for messages.
 *
 * <p>May use {@code sspvs} (UserException) and JavaCV/FFmpeg; no other sspvs package.
 */
package sspvs.video.decode;
