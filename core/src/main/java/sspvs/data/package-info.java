/**
 * Data: the eccv16-layout HDF5 files the benchmarks use, the split files, and the raw annotations they come from.
 *
 * <ul>
 *   <li>{@link sspvs.data.Eccv16File} reads and checks one HDF5 file into {@link sspvs.data.VideoRecord}s;
 *       {@link sspvs.data.Eccv16Writer} writes them back (atomically).
 *   <li>{@link sspvs.data.SplitFile} reads the reference's {@code splits/*.json} into {@link sspvs.data.Split}s;
 *       {@link sspvs.data.DataDirectory} resolves their keys ({@code video_N},
 *       {@code eccv16_dataset_<set>_google_pool5/video_N}) to files in a data folder and checks them up-front.
 *   <li>{@link sspvs.data.TvsumAnnotations} and {@link sspvs.data.SummeAnnotations} read the original TVSum50 and
 *       SumMe annotations into {@link sspvs.data.AnnotatedVideo}s; {@link sspvs.data.DatasetBuilder} turns those
 *       (plus features from a {@link sspvs.data.FeatureSource} and shots from {@link sspvs.data.Shots}) into an
 *       eccv16-layout file with {@code user_scores}; {@link sspvs.data.SampleDatasets} makes small fixtures.
 * </ul>
 *
 * <p>May use: {@code sspvs} (UserException), {@code io}, {@code config}, {@code tensor}, {@code knapsack}, {@code text}. Never
 * {@code eval} or anything above it (checked by {@code LayeringTest}).
 */
package sspvs.data;
