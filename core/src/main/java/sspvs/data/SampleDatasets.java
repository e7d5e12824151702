package sspvs.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Small ready-made data sets for tests and demos, written in the eccv16 layout with synthetic features
 * ({@link SyntheticFeatures}): from the real TVSum or SumMe annotations (in a shared data folder holding
 * {@code tvsum/} and {@code summe/}) or fully synthetic ({@link SyntheticAnnotations}), needing no files at all.
 */
public final class SampleDatasets {
    private SampleDatasets() {}

    /** The first {@code videos} TVSum videos (≤ 0: all 50) with {@code dim}-d synthetic features. */
    public static Path buildTvsumFixture(Path sharedData, Path out, int videos, int dim, long seed) {
        List<AnnotatedVideo> annotations = TvsumAnnotations.read(sharedData.resolve("tvsum"), videos);
        return write(annotations, out, dim, seed, "avg");
    }

    /** The first {@code videos} SumMe videos (≤ 0: all 25) with {@code dim}-d synthetic features. */
    public static Path buildSummeFixture(Path sharedData, Path out, int videos, int dim, long seed) {
        List<AnnotatedVideo> annotations = SummeAnnotations.read(sharedData.resolve("summe"), videos);
        return write(annotations, out, dim, seed, "max");
    }

    /** {@code videos} synthetic videos of {@code steps} feature steps each, rated by {@code users} users. */
    public static Path buildSynthetic(Path out, int videos, int steps, int dim, int users, long seed) {
        // the synthetic users rate 1..5 like TVSum's, so they are evaluated like TVSum
        return write(SyntheticAnnotations.generate(videos, steps, users, seed), out, dim, seed, "avg");
    }

    private static Path write(List<AnnotatedVideo> annotations, Path out, int dim, long seed, String evalMetric) {
        DatasetBuilder.builder().setFeatures(new SyntheticFeatures(seed, dim)).optEvalMetric(evalMetric).build()
                .write(annotations, out);
        return out;
    }
}
