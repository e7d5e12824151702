package sspvs.data;

/**
 * Supplies the per-step features of a video being built: one row per entry of {@code picks} (the sampled frame
 * indices). Implementations: {@link SyntheticFeatures} (generated under a seed) and {@link FileFeatures} (read
 * from an HDF5 file).
 */
@FunctionalInterface
public interface FeatureSource {
    /**
     * @param video the annotations of the video
     * @param picks the sampled frames, ascending
     * @param gtscore the target score at each pick (synthetic sources may use it; real ones ignore it)
     * @return [picks.length][D] features
     */
    float[][] features(AnnotatedVideo video, int[] picks, float[] gtscore);
}
