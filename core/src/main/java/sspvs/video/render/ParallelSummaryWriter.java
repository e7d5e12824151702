package sspvs.video.render;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import sspvs.video.render.SummaryVideoWriter.Source;
import sspvs.video.render.SummaryVideoWriter.Written;

/**
 * Writes a summary video in parts at once: each part's picture in its own thread (own decoder, own encoder) into
 * a temporary video-only MP4, the sound of all ranges in one more thread into a temporary audio-only file, then
 * {@link Mp4Joiner} copies them into the summary. Temporary files lie beside the output and are always deleted.
 *
 * <p>Each decoder uses one thread, as the parts already keep the cores busy. Any failure is thrown: FFmpeg's and I/O
 * failures as checked exceptions (the caller then writes in a single pass), anything else (a bug) unchecked; a part
 * that went wrong is never joined.
 */
final class ParallelSummaryWriter {
    private ParallelSummaryWriter() {}

    private record PartResult(Path file, int frames, long frameOrigin) {}

    /** Writes {@code out} from the ranges ({@link SummaryVideoWriter#merged merged}) in {@code parts} parts. */
    static Written write(Path source, List<double[]> merged, Path out, int parts, Runnable onFrame)
            throws IOException {
        Source src = probe(source, out);
        List<List<SummaryParts.Piece>> plan = SummaryParts.plan(merged, parts, src.fps());
        plan.removeIf(List::isEmpty);
        Path dir = out.toAbsolutePath().getParent();
        String stem = "." + out.getFileName();
        List<Path> temps = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(plan.size() + (src.hasAudio() ? 1 : 0), daemons());
        try {
            List<Future<PartResult>> videoParts = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                Path file = Files.createTempFile(dir, stem + ".part" + i + "-", ".mp4");
                temps.add(file);
                List<SummaryParts.Piece> pieces = plan.get(i);
                boolean first = i == 0;
                videoParts.add(pool.submit(() -> encodeVideo(source, src, pieces, first, file, onFrame)));
            }
            Future<Long> audio = null;
            Path audioFile = null;
            if (src.hasAudio()) {
                audioFile = Files.createTempFile(dir, stem + ".audio-", ".m4a");
                temps.add(audioFile);
                Path file = audioFile;
                audio = pool.submit(() -> encodeAudio(source, src, merged, file));
            }
            // wait for every task before anything is joined or deleted; report the first failure
            List<PartResult> results = new ArrayList<>();
            Throwable failure = null;
            for (Future<PartResult> f : videoParts) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : unwrap(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing the summary video", e);
                }
            }
            long samples = 0;
            if (audio != null) {
                try {
                    samples = audio.get();
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : unwrap(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing the summary video", e);
                }
            }
            if (failure != null) {
                throw rethrown(failure);
            }
            List<Mp4Joiner.VideoPart> toJoin = new ArrayList<>();
            int frames = 0;
            for (PartResult r : results) {
                if (r.frames() > 0) { // a part of a few frames' worth can hold none
                    toJoin.add(new Mp4Joiner.VideoPart(r.file(), r.frameOrigin()));
                    frames += r.frames();
                }
            }
            if (toJoin.isEmpty()) {
                throw new IOException("no video frame in the ranges");
            }
            int joined = Mp4Joiner.join(toJoin, Mp4Joiner.frameTimeBase(src.fps()), audioFile, out);
            if (joined != frames) {
                throw new IOException("joined " + joined + " frames of " + frames);
            }
            return new Written(frames, samples, src.sampleRate(), src.hasAudio(),
                    SummaryVideoWriter.totalSeconds(merged), SummaryVideoWriter.videoEncoder());
        } finally {
            pool.shutdownNow();
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }

    private static Source probe(Path source, Path out) {
        FFmpegFrameGrabber grabber = SummaryVideoWriter.grabber(source);
        try {
            grabber.start();
            return Source.of(grabber);
        } catch (FrameGrabber.Exception e) {
            throw SummaryVideoWriter.cannotWrite(source, out, e);
        } finally {
            SummaryVideoWriter.release(null, grabber);
        }
    }

    private static PartResult encodeVideo(Path source, Source src, List<SummaryParts.Piece> pieces, boolean first,
            Path file, Runnable onFrame) throws FrameGrabber.Exception, FrameRecorder.Exception {
        FFmpegFrameGrabber grabber = SummaryVideoWriter.grabber(source);
        grabber.setVideoOption("threads", "1");
        FFmpegFrameRecorder recorder = null;
        try {
            grabber.start();
            recorder = SummaryVideoWriter.recorder(file, src, true, false);
            recorder.start();
            RangeCutter cutter = new RangeCutter(grabber, recorder, src.base(), src.fps(), true, 0, 0, first).onFrame(onFrame);
            for (SummaryParts.Piece piece : pieces) {
                cutter.copy(piece);
            }
            recorder.stop();
            return new PartResult(file, cutter.videoFrames, cutter.frameOrigin);
        } finally {
            SummaryVideoWriter.release(recorder, grabber);
        }
    }

    private static long encodeAudio(Path source, Source src, List<double[]> merged, Path file)
            throws FrameGrabber.Exception, FrameRecorder.Exception {
        FFmpegFrameGrabber grabber = SummaryVideoWriter.grabber(source);
        grabber.setVideoOption("threads", "1"); // opened, never used: only sound is decoded
        FFmpegFrameRecorder recorder = null;
        try {
            grabber.start();
            recorder = SummaryVideoWriter.recorder(file, src, false, true);
            recorder.start();
            RangeCutter cutter = new RangeCutter(grabber, recorder, src.base(), src.fps(), false, src.sampleRate(),
                    src.channels(), true);
            for (SummaryParts.Piece range : SummaryParts.whole(merged)) {
                cutter.copy(range);
            }
            recorder.stop();
            return cutter.audioWritten;
        } finally {
            SummaryVideoWriter.release(recorder, grabber);
        }
    }

    private static Throwable unwrap(ExecutionException e) {
        return e.getCause() != null ? e.getCause() : e;
    }

    /**
     * A part's failure as this method may throw it: FFmpeg's and I/O exceptions as they are (the caller falls back
     * to one pass on those), anything else unchecked, so that a bug or an Error is never mistaken for them.
     */
    private static IOException rethrown(Throwable failure)
            throws IOException {
        if (failure instanceof IOException e) { // FFmpeg's grabber and recorder exceptions included
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a summary part failed", failure);
    }

    private static java.util.concurrent.ThreadFactory daemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "summary-writer-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
