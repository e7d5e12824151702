package sspvs.video.features;

import sspvs.video.decode.FrameImage;

import java.util.List;

/**
 * Turns sampled frames into feature vectors, one row per frame: {@code float[T][D]}. The model and KTS
 * consume these rows; the public eccv16 files hold GoogLeNet pool5 features (D = 1024), see
 * {@link OnnxFeatureExtractor}.
 *
 * <p>Extractors may hold native resources: close them (try-with-resources).
 */
public interface FeatureExtractor extends AutoCloseable {
    /** Length D of every feature vector. */
    int dimension();

    /** Features of the given frames, in order: {@code [frames.size()][dimension()]}. */
    float[][] extract(List<FrameImage> frames);

    @Override
    default void close() {
        // nothing to release by default
    }
}
