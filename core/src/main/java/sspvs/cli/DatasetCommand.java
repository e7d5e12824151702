package sspvs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sspvs.UserException;
import sspvs.data.AnnotatedVideo;
import sspvs.data.DatasetBuilder;
import sspvs.data.FeatureSource;
import sspvs.data.FileFeatures;
import sspvs.data.Shots;
import sspvs.data.SummeAnnotations;
import sspvs.data.SyntheticAnnotations;
import sspvs.data.SyntheticFeatures;
import sspvs.data.TvsumAnnotations;
import sspvs.data.VideoRecord;
import sspvs.eval.Metric;
import sspvs.io.OutputFolders;
import sspvs.text.VideoText;
import sspvs.video.features.VideoFolderDataset;

/** {@code sspvs dataset}: data-set tools; {@code build} makes an eccv16-layout HDF5 file from raw annotations. */
@Command(
        name = "dataset",
        mixinStandardHelpOptions = true,
        description = "Data-set tools (eccv16-layout HDF5 files).",
        subcommands = {DatasetCommand.Build.class})
public final class DatasetCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code sspvs dataset build}: annotations + features → eccv16-layout HDF5 with user_scores. */
    @Command(
            name = "build",
            mixinStandardHelpOptions = true,
            description = {
                "Builds an eccv16-layout HDF5 file (features, gtscore, gtsummary, user_summary, user_scores, "
                        + "change_points, n_frame_per_seg, n_frames, picks, video_name) from the TVSum or SumMe "
                        + "annotations.",
                "Every 15th frame is sampled; shots are fixed-length segments unless --shots is given; TVSum user "
                        + "summaries are each user's 15%% knapsack summary over the shots."
            })
    public static final class Build implements Callable<Integer> {
        /** The annotations {@code --dataset} reads. */
        enum Dataset { tvsum, summe, synthetic }

        @Option(names = "--dataset",
                description = "${COMPLETION-CANDIDATES} (synthetic: no files needed); not with --videos.")
        Dataset dataset;

        @Option(names = "--annotations", paramLabel = "DIR",
                description = "Annotation folder (default: ../shared/data/<dataset>). With --videos: optional "
                        + "<video name>.csv files, a line per user of per-frame scores.")
        Path annotations;

        @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "Output file (written atomically).")
        Path out;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0", converter = Ranges.AtLeastZero.class,
                description = "Only the first N videos (0 = all; for synthetic, 0 means 10).")
        int limit;

        @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Features features;

        static final class Features {
            @Option(names = "--features", paramLabel = "FILE.h5",
                    description = "Features per video: an eccv16 file (video_N/features + picks) or datasets named"
                            + " video_N or by video name.")
            Path file;

            @Option(names = "--videos", paramLabel = "DIR",
                    description = "Decode every video of DIR (2 fps = every 15th frame), extract features (see "
                            + "--features-model) and find KTS shots; without --annotations writes features, picks "
                            + "and shots only (zero users).")
            Path videoDir;

            @Option(names = "--synthetic-features", paramLabel = "SEED",
                    description = "Deterministic generated features (noise + a part correlated with gtscore).")
            Long seed;
        }

        @Option(names = "--dim", defaultValue = "1024", converter = Ranges.AtLeastOne.class, description = "Synthetic feature size. Default: ${DEFAULT-VALUE}.")
        int dim;

        @Option(names = "--shots", paramLabel = "FILE",
                description = "Change points: an eccv16 .h5 (its change_points) or text lines 'video_N start end'.")
        Path shots;

        @Option(names = "--segment-seconds", defaultValue = "2.0",
                description = "Fixed segment length when --shots is not given. Default: ${DEFAULT-VALUE} s.")
        double segmentSeconds;

        @Option(names = "--steps", defaultValue = "120", converter = Ranges.AtLeastOne.class,
                description = "Synthetic data set: feature steps per video. Default: ${DEFAULT-VALUE}.")
        int steps;

        @Option(names = "--users", defaultValue = "20", converter = Ranges.AtLeastOne.class,
                description = "Synthetic data set: users per video. Default: ${DEFAULT-VALUE}.")
        int users;

        @Option(names = "--text", paramLabel = "TABLE.tsv",
                description = "Per-video text to tokenise into --info-embed-out: TVSum's ydata-tvsum50-info.tsv, or a"
                        + " table with header 'video category query title [description]'.")
        Path text;

        @Option(names = "--info-embed-out", paramLabel = "DIR",
                description = "Folder for the per-video token files (<video>.h5 with cat, query, title) that the"
                        + " text-guided configs read as info_embed_root_test.")
        Path infoEmbedOut;

        @CommandLine.Mixin
        FeatureExtractorOptions extractorOptions;

        @Option(names = "--metric", paramLabel = "avg|max", converter = MetricOption.class,
                description = "How later evaluations combine F-scores over users, stored in the file (attribute "
                        + "eval_metric). Default: avg for tvsum and synthetic (ratings), max for summe (selections); "
                        + "none for --videos, whose users then must give --metric.")
        Metric metric;

        @Option(names = "--quiet", description = "No progress bars.")
        boolean quiet;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (features.videoDir != null) {
                if (dataset != null) {
                    throw new UserException("--videos builds from the videos themselves; drop --dataset");
                }
                return fromVideos();
            }
            if (dataset == null) {
                throw new UserException("--dataset is required (tvsum, summe or synthetic) unless --videos "
                        + "is given");
            }
            if ((text == null) != (infoEmbedOut == null)) {
                throw new UserException("--text and --info-embed-out go together");
            }
            List<AnnotatedVideo> annotated = switch (dataset) {
                case tvsum -> TvsumAnnotations.read(annotationDir(), limit);
                case summe -> SummeAnnotations.read(annotationDir(), limit);
                case synthetic -> SyntheticAnnotations.generate(limit == 0 ? 10 : limit, steps, users,
                        features.seed == null ? 0 : features.seed);
            };
            Map<String, VideoText> textRows = text == null ? null
                    : TextInfoFiles.readCovering(text, annotated.stream().map(AnnotatedVideo::key).toList());
            if (text != null) { // before the data file is written: a user's folder stops the build, not half of it
                OutputFolders.checkReplaceable(infoEmbedOut, TextInfoFiles.KIND,
                        TextInfoFiles.fileNames(annotated.stream().map(AnnotatedVideo::key).toList()));
            }
            DatasetBuilder.Builder options = DatasetBuilder.builder().optSegmentSeconds(segmentSeconds)
                    .optEvalMetric(metric != null ? metric.label() : dataset == Dataset.summe ? "max" : "avg");
            if (shots != null) {
                Map<String, int[][]> cps = Shots.read(shots);
                options.optShots(cps);
            }
            FileFeatures fileFeatures = features.file == null ? null : new FileFeatures(features.file);
            try {
                FeatureSource source = fileFeatures != null ? fileFeatures : new SyntheticFeatures(features.seed, dim);
                DatasetBuilder builder = options.setFeatures(source).build();
                List<VideoRecord> records = builder.write(annotated, out);
                builder.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
                long steps = records.stream().mapToLong(VideoRecord::steps).sum();
                spec.commandLine().getOut().printf("wrote %s: %d videos, %d steps, %d-d features%n", out, records.size(),
                        steps, records.get(0).features()[0].length);
                if (text != null) {
                    int written = TextInfoFiles.write(textRows, infoEmbedOut, records);
                    spec.commandLine().getOut().printf("wrote %d token files to %s%n", written, infoEmbedOut);
                }
            } finally {
                if (fileFeatures != null) fileFeatures.close();
            }
            return 0;
        }

        private int fromVideos() {
            try (sspvs.summarize.FeatureExtractorSettings.Opened ex = extractorOptions.open()) {
                VideoFolderDataset.Built built = new VideoFolderDataset(ex.extractor(), ex.name(), ex.sha256(),
                        ex.inputSize()).progress(decodeBars()).evalMetric(metric == null ? null : metric.label())
                        .build(features.videoDir, annotations, out);
                long steps = built.videos().stream().mapToLong(v -> v.steps()).sum();
                spec.commandLine().getOut().printf("wrote %s: %d videos, %d steps, %d-d features, %s%n", out,
                        built.videos().size(), steps, built.videos().get(0).dimension(),
                        built.recordsOrNull() == null ? "no annotations (features, picks and shots only)"
                                : "eccv16 layout with annotations");
            }
            return 0;
        }

        /** A "Decoding NAME" bar per video on the error stream, or none with --quiet. */
        private VideoFolderDataset.DecodeProgress decodeBars() {
            ProgressBars bars = quiet ? null : new ProgressBars(spec.commandLine().getErr());
            return new VideoFolderDataset.DecodeProgress() {
                @Override
                public void framesRead(Path file, long done, long total) {
                    if (bars != null) {
                        bars.update("Decoding " + file.getFileName(), " frames", done, total);
                    }
                }

                @Override
                public void finished(Path file) {
                    if (bars != null) {
                        bars.close();
                    }
                }
            };
        }

        private Path annotationDir() {
            return annotations != null ? annotations : Path.of("..", "shared", "data", dataset.name());
        }
    }
}
