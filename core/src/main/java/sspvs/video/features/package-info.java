/**
 * Features: sampled frames to {@code float[T][D]} rows, the model's input.
 *
 * <p>A {@link sspvs.video.features.FeatureExtractor} turns frames into rows: {@link
 * sspvs.video.features.OnnxFeatureExtractor} (GoogLeNet pool5, 1024-d, as in the public eccv16 files; fetched once
 * by {@link sspvs.video.features.ModelDownloader}) or the model-free {@link
 * sspvs.video.features.ColourHistogramExtractor} for tests. {@link sspvs.video.features.VideoFeaturePipeline}
 * decodes and extracts at once (two threads; a failure of either ends both). {@link
 * sspvs.video.features.FeatureFile} stores {@link sspvs.video.features.VideoFeatures} for reuse, and {@link
 * sspvs.video.features.VideoFolderDataset} builds a data set from a folder of videos.
 *
 * <p>May use {@code sspvs.video.decode}, {@code sspvs.shots}, {@code sspvs.onnx}, {@code sspvs.data} and {@code
 * sspvs.io}; not render, summarize or cli.
 */
package sspvs.video.features;
