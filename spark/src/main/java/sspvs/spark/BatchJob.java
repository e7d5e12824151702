package sspvs.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import sspvs.UserException;
import sspvs.io.AtomicFiles;
import sspvs.io.FolderLock;
import sspvs.io.OutputFolders;
import sspvs.summarize.FeatureExtractorSettings;
import sspvs.summarize.ProgressListener;
import sspvs.video.features.ModelDownloader;

/**
 * One run of {@code sspvs batch}: list the inputs, summarise on Spark every video without a reusable result (one
 * task per video, longest files first), then rebuild the tables and the index page from the committed results.
 *
 * <p>Resuming is what every run does: a video whose committed result was made from the same bytes, model and options
 * (and whose folder is complete) is reused, not redone; a run killed at any moment (kill -9 included) leaves only
 * whole folders and whole results, plus hidden temporaries that the next run removes. Spark task retries redo a video
 * into the same folder and result file, so they cannot add rows either.
 */
public final class BatchJob {
    /** The marker kind of a batch output folder ({@link OutputFolders}). */
    public static final String KIND = "batch";

    /**
     * What to run.
     *
     * @param input a folder of videos or a text file listing them
     * @param out the output folder (new, empty, or an earlier batch's)
     * @param spec pipeline settings and ratio
     * @param retryFailed redo videos that failed in an earlier run with the same bytes and options
     */
    public record Request(Path input, Path out, PipelineSpec spec, boolean retryFailed) {}

    /**
     * What a run did.
     *
     * @param results one per input video, in the tables' order
     * @param reused results taken from earlier runs
     * @param wallSeconds the run's wall time
     */
    public record Report(List<VideoResult> results, long reused, double wallSeconds) {
        public long ok() {
            return results.stream().filter(VideoResult::ok).count();
        }

        public long failed() {
            return results.size() - ok();
        }

        /** Hours of video summarised (ok videos). */
        public double videoHours() {
            return results.stream().filter(VideoResult::ok).mapToDouble(r -> r.video().durationS()).sum() / 3600;
        }
    }

    private BatchJob() {}

    /**
     * Runs the batch in {@code spark} (its master decides where the tasks run): {@link #check}, then one task per
     * video, then the tables and the index page from the committed results.
     */
    public static Report run(SparkSession spark, Request request, BatchListener listener) {
        long t0 = System.nanoTime();
        Path out = request.out().toAbsolutePath().normalize();
        Checked checked = check(request, listener);
        boolean local = spark.sparkContext().isLocal();
        try {
            if (!local) {
                Pipelines.closeAll(); // on a cluster the executors load their own; the driver's was only a check
            }
            return runChecked(spark, request, checked, out, listener, t0);
        } finally {
            if (local) {
                Pipelines.closeAll(); // the next run may use other settings; its native memory goes now
            }
        }
    }

    private static Report runChecked(SparkSession spark, Request request, Checked checked, Path out,
            BatchListener listener, long t0) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserException(out + ": cannot create the output folder (" + e.getMessage() + ")", e);
        }
        try (FolderLock lock = FolderLock.acquire(out, KIND)) {
            if (!KIND.equals(OutputFolders.kindOf(out))) {
                OutputFolders.mark(out, KIND);
            }
            ResultStore store = new ResultStore(out);
            removeStaleTemporaries(out, store);
            List<VideoItem> items = items(checked.root(), checked.videos());
            long reused = summarise(spark, items, BatchContext.of(request.spec(), out, request.retryFailed()),
                    listener);
            List<VideoResult> results = new ArrayList<>();
            for (VideoItem item : sortedByPath(items)) {
                results.add(store.read(item.folder()).orElseThrow(() -> new IllegalStateException(
                        "no committed result for " + item.path() + " after the job")));
            }
            listener.message("Writing the tables...");
            BatchTables.write(spark, out, results);
            IndexPage.write(out, results);
            return new Report(results, reused, (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * What {@link #check} found: the videos (absolute) and the root their folder names are relative to.
     */
    public record Checked(Path root, List<Path> videos) {}

    /**
     * Checks a run before any Spark work, each problem one clear error instead of a failure per video: the inputs
     * (at least one video), the output folder (new, empty or a batch's), the feature model (fetched now on first
     * use) and the checkpoint. The pipeline it opens stays in this JVM's {@link Pipelines}: in local mode the
     * driver is the executor, and the tasks reuse it. Safe to call again ({@link #run} does).
     */
    public static Checked check(Request request, BatchListener listener) {
        Path out = request.out().toAbsolutePath().normalize();
        VideoInputs.Listing listing = VideoInputs.list(request.input());
        List<Path> videos = listing.videos().stream().filter(v -> !v.startsWith(out)).toList();
        if (videos.isEmpty()) {
            throw new UserException(request.input() + ": no video files (by extension: "
                    + String.join(", ", new java.util.TreeSet<>(VideoInputs.EXTENSIONS)) + ")");
        }
        OutputFolders.checkReplaceable(out, KIND, Set.of());
        PipelineSpec spec = request.spec();
        try (FeatureExtractorSettings.Opened features = spec.settings().features().open(downloads(listener))) {
            // opened and closed: it exists, it loads, and a first-use download is done once here, not per task
        }
        Pipelines.with(spec, warnings(listener), p -> null);
        return new Checked(listing.root(), videos);
    }

    /** A first-use download of the feature model, as one line when it starts. */
    private static ModelDownloader.Progress downloads(BatchListener listener) {
        boolean[] said = {false};
        return (file, done, total) -> {
            if (!said[0]) {
                said[0] = true;
                listener.message("Downloading " + file + " (once, into the user cache)...");
            }
        };
    }

    /** Runs one Spark task per video; returns how many results were reused. */
    private static long summarise(SparkSession spark, List<VideoItem> items, BatchContext ctx,
            BatchListener listener) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Counters counters = new Counters(jsc);
        listener.started(items.size());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sspvs-batch-progress");
            t.setDaemon(true);
            return t;
        });
        Runnable report = () -> listener.progress(counters.done.value(), items.size(),
                counters.videoSeconds.value() / 3600, counters.failed.value());
        ticker.scheduleAtFixedRate(report, 250, 250, TimeUnit.MILLISECONDS);
        try {
            jsc.parallelize(items, items.size()).foreachPartition(new RunVideos(ctx, counters));
        } finally {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        report.run();
        return counters.reused.value();
    }

    /** The accumulators the tasks add to; Spark applies each successful task's additions once (retries included). */
    static final class Counters implements java.io.Serializable {
        final LongAccumulator done;
        final LongAccumulator failed;
        final LongAccumulator reused;
        final DoubleAccumulator videoSeconds;

        Counters(JavaSparkContext jsc) {
            done = jsc.sc().longAccumulator("sspvs videos done");
            failed = jsc.sc().longAccumulator("sspvs videos failed");
            reused = jsc.sc().longAccumulator("sspvs videos reused");
            videoSeconds = jsc.sc().doubleAccumulator("sspvs seconds of video");
        }
    }

    /** The task: each video of the partition in turn (one, as the job is parallelised). */
    static final class RunVideos implements VoidFunction<Iterator<VideoItem>> {
        private final BatchContext ctx;
        private final Counters counters;

        RunVideos(BatchContext ctx, Counters counters) {
            this.ctx = ctx;
            this.counters = counters;
        }

        @Override
        public void call(Iterator<VideoItem> items) {
            while (items.hasNext()) {
                VideoTask.Outcome o = VideoTask.run(items.next(), ctx);
                if (o.result().ok()) {
                    counters.videoSeconds.add(o.result().video().durationS());
                } else {
                    counters.failed.add(1);
                }
                if (o.reused()) {
                    counters.reused.add(1);
                }
                counters.done.add(1);
            }
        }
    }

    /** The work list, biggest files first, so the longest videos do not start last and leave cores idle. */
    static List<VideoItem> items(Path root, List<Path> videos) {
        List<VideoItem> items = new ArrayList<>();
        List<Path> bySize = new ArrayList<>(videos);
        bySize.sort(Comparator.comparingLong(BatchJob::size).reversed().thenComparing(Comparator.naturalOrder()));
        for (Path v : bySize) {
            items.add(new VideoItem(v.toString(), OutputNames.of(root, v)));
        }
        return items;
    }

    private static List<VideoItem> sortedByPath(List<VideoItem> items) {
        return items.stream().sorted(Comparator.comparing(VideoItem::path)).toList();
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * What a killed run left: summarize's temporary and replaced folders ({@code .NAME.tmp-UUID},
     * {@code .NAME.old-UUID}), the tables' temporaries, half-written result files. Only with the lock held.
     */
    private static void removeStaleTemporaries(Path out, ResultStore store) {
        try (var entries = Files.list(out)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.matches("\\..+\\.(tmp|old)-[0-9a-f-]{36}")
                        && Files.isDirectory(p)) {
                    OutputFolders.deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UserException(out + ": cannot remove a killed run's temporary folders (" + e.getMessage() + ")",
                    e);
        }
        AtomicFiles.deleteStaleTemporaries(out);
        AtomicFiles.deleteStaleTemporaries(store.dir());
    }

    private static ProgressListener warnings(BatchListener listener) {
        return new ProgressListener() {
            @Override
            public void warning(String message) {
                listener.warning(message);
            }
        };
    }
}
