/**
 * Video, stage by stage: the media half of "summarise your own video", below {@code sspvs.summarize}, which joins
 * the stages with the model. Each sub-package is one step and uses only the ones before it:
 *
 * <ol>
 *   <li>{@link sspvs.video.decode}: open any file FFmpeg reads, sample 2 frames per second of video time
 *       ({@link sspvs.video.decode.VideoDecoder}), or read a frame at a time through the one seam to the decoding
 *       library, {@link sspvs.video.decode.VideoStream};</li>
 *   <li>{@link sspvs.video.features}: frames to feature rows (GoogLeNet pool5 through ONNX Runtime, as the public
 *       eccv16 files), decoding and extraction overlapped, and the features file;</li>
 *   <li>{@link sspvs.shots} (outside this tree: it is maths on features, no video): KTS shots;</li>
 *   <li>{@link sspvs.video.render}: cut the chosen shots with their sound into summary.mp4.</li>
 * </ol>
 * {@link sspvs.video.synthetic} writes test videos with known cuts (tests, the demo, the benchmarks).
 *
 * <p>Nothing here prints: progress goes to the callbacks each class takes, warnings to the caller.
 *
 * <p>May use: every core package ({@code io} … {@code train}) and {@code shots}; its subpackages one another. Never
 * {@code summarize} or {@code cli} (checked by {@code LayeringTest}).
 */
package sspvs.video;
