package sspvs.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import sspvs.UserException;
import sspvs.io.OutputFolders;
import sspvs.io.Sha256;
import sspvs.summarize.ProgressListener;
import sspvs.summarize.SummarizeRequest;
import sspvs.summarize.SummarizeResult;
import sspvs.summarize.VideoSummary;

/**
 * One video on an executor: reuse its committed result when it was made from the same bytes with the same model and
 * options and its folder is complete; otherwise summarise it with the JVM's pipeline ({@link Pipelines}), which
 * writes its folder all or nothing, then commit its result. A file that cannot be summarised (not a video,
 * truncated, unreadable) becomes a failed result saying why in one line; it never fails the task.
 */
public final class VideoTask {
    /** What became of one video. */
    public record Outcome(VideoResult result, boolean reused) {}

    static {
        // FFmpeg's own error lines (e.g. "moov atom not found" for a truncated file) would interleave on the console
        // for every bad file; each file's error is its row's instead. Load the core's setting first, then go quieter.
        sspvs.video.decode.FfmpegLogging.errorsOnly();
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET);
    }

    private VideoTask() {}

    /** Does {@code item}: reuses, summarises or fails it, and commits its result. */
    public static Outcome run(VideoItem item, BatchContext ctx) {
        ResultStore store = new ResultStore(Path.of(ctx.out()));
        long t0 = System.nanoTime();
        Path video = Path.of(item.path());
        String sha;
        try {
            if (!Files.isRegularFile(video)) {
                return commit(store, item, failed(ctx, item, null, video + ": file not found", null, t0), false);
            }
            sha = Sha256.of(video);
        } catch (UserException e) {
            return commit(store, item, failed(ctx, item, null, e.getMessage(), null, t0), false);
        }
        Optional<VideoResult> old = store.read(item.folder());
        if (old.isPresent() && reusable(old.get(), ctx, sha, store, item)) {
            return new Outcome(old.get(), true);
        }
        VideoResult result;
        try {
            SummarizeResult r = Pipelines.with(ctx.spec(), ProgressListener.NONE, p -> p.summarize(
                    new SummarizeRequest(video, store.folder(item.folder()), ctx.spec().ratio(), null,
                            ProgressListener.NONE)));
            result = ok(ctx, item, r, t0);
        } catch (UserException e) {
            result = failed(ctx, item, sha, e.getMessage(), null, t0);
        } catch (RuntimeException e) {
            // not the file's fault: say so, keep the trace in the result for a bug report, and go on with the rest
            result = failed(ctx, item, sha, "internal error, please report it: " + e, trace(e), t0);
        }
        return commit(store, item, result, false);
    }

    private static boolean reusable(VideoResult old, BatchContext ctx, String sha, ResultStore store,
            VideoItem item) {
        if (!ctx.fingerprint().equals(old.optionsSha256()) || !sha.equals(old.video().videoSha256())
                || !item.path().equals(old.video().path())) {
            return false;
        }
        return old.ok() ? store.complete(item.folder()) : !ctx.retryFailed() && old.trace() == null;
    }

    private static Outcome commit(ResultStore store, VideoItem item, VideoResult result, boolean reused) {
        if (!result.ok()) {
            // a failed video has no folder: drop one an earlier run (other options, other bytes) left
            Path folder = store.folder(item.folder());
            if (Files.isDirectory(folder)) {
                try {
                    OutputFolders.deleteTree(folder);
                } catch (IOException e) {
                    throw new UserException(folder + ": cannot remove an outdated summary (" + e.getMessage() + ")",
                            e);
                }
            }
        }
        store.write(item.folder(), result);
        return new Outcome(result, reused);
    }

    private static VideoResult ok(BatchContext ctx, VideoItem item, SummarizeResult r, long t0) {
        VideoSummary s = r.summary();
        List<VideoResult.ShotRow> shots = ShotsCsv.read(r.file(SummarizeResult.SHOTS), item.path(), s.videoSha256());
        VideoResult.VideoRow row = new VideoResult.VideoRow(item.path(), VideoResult.OK, "", s.videoSha256(),
                round(s.features().nFrames() / s.fps()), s.fps(), s.features().nFrames(), s.shots().count(),
                round(s.selectedSeconds()), s.model().sha256(), s.features().extractor(), s.ratio(), since(t0),
                r.outDir().toAbsolutePath().toString());
        return new VideoResult(VideoResult.FORMAT, ctx.fingerprint(), row, shots, null);
    }

    private static VideoResult failed(BatchContext ctx, VideoItem item, String sha, String error, String trace,
            long t0) {
        String line = error == null ? "failed" : error.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        VideoResult.VideoRow row = new VideoResult.VideoRow(item.path(), VideoResult.FAILED, line, sha, null, null,
                null, null, null, ctx.modelSha256(), "", ctx.spec().ratio(), since(t0), "");
        return new VideoResult(VideoResult.FORMAT, ctx.fingerprint(), row, List.of(), trace);
    }

    private static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static double since(long t0) {
        return round((System.nanoTime() - t0) / 1e9);
    }

    /** The rows of a committed shots.csv, exactly as written there. */
    static final class ShotsCsv {
        private ShotsCsv() {}

        static List<VideoResult.ShotRow> read(Path csv, String path, String sha) {
            List<String> lines;
            try {
                lines = Files.readAllLines(csv);
            } catch (IOException e) {
                throw new UserException(csv + ": cannot read the shots table just written (" + e.getMessage() + ")",
                        e);
            }
            if (lines.isEmpty() || !lines.get(0).equals("index,start_s,end_s,start_frame,end_frame,frames,score,"
                    + "selected")) {
                throw new IllegalStateException(csv + ": unexpected header " + (lines.isEmpty() ? "" : lines.get(0)));
            }
            List<VideoResult.ShotRow> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                rows.add(new VideoResult.ShotRow(path, sha, Integer.parseInt(f[0]), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                        Double.parseDouble(f[6]), f[7].equals("1")));
            }
            return rows;
        }
    }
}
