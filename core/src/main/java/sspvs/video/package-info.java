/**
 * From a video file to what the summariser consumes, without the model: the front half of "summarise your
 * own video".
 *
 * <ol>
 *   <li>{@link sspvs.video.VideoDecoder} opens any format FFmpeg reads, reports {@link sspvs.video.VideoInfo},
 *       and samples 2 frames per second of video time ({@link sspvs.video.VideoSampling}: {@code picks},
 *       {@code n_frames}) as {@link sspvs.video.FrameImage}s, turned upright.</li>
 *   <li>A {@link sspvs.video.FeatureExtractor} turns frames into {@code float[T][D]}:
 *       {@link sspvs.video.OnnxFeatureExtractor} (GoogLeNet pool5, 1024-d, as in the public eccv16 files; the
 *       model is fetched once by {@link sspvs.video.ModelDownloader}) or the model-free
 *       {@link sspvs.video.ColourHistogramExtractor}.</li>
 *   <li>{@link sspvs.video.KernelTemporalSegmentation} splits the steps into shots, which
 *       {@link sspvs.video.Shots} maps back to inclusive frame ranges ({@code change_points},
 *       {@code n_frame_per_seg}).</li>
 * </ol>
 * The back half, with a model: {@link sspvs.video.VideoSummarizer} runs decode and features together
 * ({@link sspvs.video.VideoFeaturePipeline}), KTS, the model's scores and the evaluation's summary chain into a
 * {@link sspvs.video.VideoSummary}; {@link sspvs.video.SummaryVideoWriter} cuts the chosen shots with their sound
 * into {@code summary.mp4}; {@link sspvs.video.FeatureFile} stores features for reuse; and
 * {@link sspvs.video.VideoFolderDataset} runs the same chain over a folder into one HDF5 file.
 * {@link sspvs.video.SyntheticVideo} writes test videos with known cuts for tests, demos and benchmarks
 * ({@link sspvs.video.KtsBenchmark}).
 */
package sspvs.video;
