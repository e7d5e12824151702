/**
 * Rendering: the chosen time ranges of a video, with their sound, into summary.mp4.
 *
 * <p>{@link sspvs.video.render.SummaryVideoWriter} plans the cut ({@link sspvs.video.render.SummaryParts}), encodes
 * the parts on as many cores as help ({@link sspvs.video.render.ParallelSummaryWriter}, each part cut by {@link
 * sspvs.video.render.RangeCutter}) and joins them without re-encoding ({@link sspvs.video.render.Mp4Joiner}); it
 * falls back to one pass only when FFmpeg fails on the parts, and says so to the caller. It picks its own encoder.
 *
 * <p>May use {@code sspvs.video.decode} (FFmpeg's error words) and JavaCV/FFmpeg; not features, shots, summarize.
 */
package sspvs.video.render;
