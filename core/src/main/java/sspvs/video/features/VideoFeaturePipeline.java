package sspvs.video.features;

import sspvs.video.decode.FrameImage;
import sspvs.video.decode.VideoDecoder;
import sspvs.video.decode.VideoInfo;
import sspvs.video.decode.VideoSampling;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;

/**
 * Decodes a video and turns its sampled frames into features, in two threads: the decoder (this thread) hands
 * each sampled image through a small bounded queue to a worker that runs the {@link FeatureExtractor} in batches
 * and makes a small JPEG thumbnail of every step. Decoding is the long part (every frame must be decoded, only
 * 2 per second are used), so on two cores feature extraction hides behind it; the queue bounds memory for long
 * videos (only thumbnails, a few KB per step, and the feature rows are kept).
 *
 * <p>Images reach the extractor at the size the {@link VideoDecoder} was told to produce (FFmpeg scales while
 * converting, e.g. straight to the model's 224 x 224 input, as the public features resized whole frames); the
 * thumbnails are scaled from those images to the video's display aspect ratio.
 *
 * <p>Neither thread can leave the other waiting: a failure of the worker (an {@code Error} included) ends the
 * decoder at its next frame with that very throwable, and a failure of the decoder stops the worker and waits
 * for it to leave the extractor before it propagates, so whoever owns the extractor (an ONNX session) may close
 * it as soon as {@link #run} returns or throws.
 */
public final class VideoFeaturePipeline {
    /** Frames handed to the extractor at once. */
    public static final int BATCH = 16;
    private static final int QUEUE = 64;

    /**
     * The decoding pass the pipeline drives: {@link VideoDecoder#decode(Path, VideoDecoder.FrameSink)} in
     * production; a seam so tests can make decoding fail at a chosen moment.
     */
    @FunctionalInterface
    interface Decoding {
        VideoSampling decode(Path video, VideoDecoder.FrameSink sink);
    }

    private final Decoding decoding;
    private final FeatureExtractor extractor;
    private final int thumbnailWidth;

    /**
     * What one pass produced, and how long its parts took.
     *
     * @param sampling the decoder's sampling (picks, times, frame count, video info)
     * @param features [T][D]
     * @param thumbnails one JPEG per step (empty list when thumbnails were off)
     * @param seconds wall time of the whole pass (decoding with extraction overlapped)
     * @param extractSeconds time the worker spent in the extractor (overlapped with decoding)
     */
    public record Result(VideoSampling sampling, float[][] features, List<byte[]> thumbnails, double seconds,
            double extractSeconds) {}

    /**
     * @param thumbnailWidth width of the per-step JPEG thumbnails; 0 for none
     */
    public VideoFeaturePipeline(VideoDecoder decoder, FeatureExtractor extractor, int thumbnailWidth) {
        this(Objects.requireNonNull(decoder)::decode, extractor, thumbnailWidth);
    }

    VideoFeaturePipeline(Decoding decoding, FeatureExtractor extractor, int thumbnailWidth) {
        this.decoding = Objects.requireNonNull(decoding);
        this.extractor = Objects.requireNonNull(extractor);
        this.thumbnailWidth = thumbnailWidth;
    }

    private record Item(FrameImage image) {}

    private static final Item END = new Item(null);

    /**
     * Runs the pass over {@code video}. A failure of either thread ends the pass and surfaces here as the
     * original throwable (an {@code Error} of the extractor included, UserExceptions as they are). When this
     * method returns or throws, the worker has stopped: the caller may close the extractor at once.
     */
    public Result run(Path video) {
        long start = System.nanoTime();
        int thumbH = 0;
        if (thumbnailWidth > 0) {
            VideoInfo info = VideoDecoder.probe(video);
            thumbH = Math.max(2, (int) Math.round(
                    thumbnailWidth * (double) info.displayHeight() / Math.max(1, info.displayWidth())));
        }
        Worker worker = new Worker(thumbH);
        Thread thread = new Thread(worker, "sspvs-features");
        thread.setDaemon(true);
        thread.start();
        VideoSampling sampling;
        try {
            sampling = decoding.decode(video, (step, frameIndex, image) -> worker.hand(new Item(image)));
            worker.hand(END);
            joinUninterruptibly(thread);
        } catch (RuntimeException | Error e) {
            worker.abandon();
            thread.interrupt();
            joinUninterruptibly(thread); // the extractor may be closed only once the worker is out of it
            Throwable workerFailure = worker.failure.get();
            if (workerFailure != null && workerFailure != e) {
                e.addSuppressed(workerFailure);
            }
            throw e;
        }
        worker.rethrowFailure();
        return new Result(sampling, worker.rows.toArray(new float[0][]), worker.thumbs,
                (System.nanoTime() - start) / 1e9, worker.extractNanos / 1e9);
    }

    /** Waits for {@code thread} to end even when interrupted (then re-asserts the interrupt). */
    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The extracting thread: takes images from a bounded queue, runs the extractor on batches and makes the
     * thumbnails. Any throwable it meets (an Error included) is kept for the decoder to rethrow, so the decoder
     * never waits on a queue nobody empties.
     */
    private final class Worker implements Runnable {
        private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<float[]> rows = new ArrayList<>();
        private final List<byte[]> thumbs = new ArrayList<>();
        private final int thumbHeight;
        private volatile boolean abandoned;
        private volatile boolean finished;
        private long extractNanos;

        Worker(int thumbHeight) {
            this.thumbHeight = thumbHeight;
        }

        @Override
        public void run() {
            List<FrameImage> batch = new ArrayList<>(BATCH);
            try {
                while (!abandoned) {
                    Item item = queue.take();
                    if (item != END) {
                        batch.add(item.image());
                        if (thumbnailWidth > 0) {
                            thumbs.add(jpeg(item.image().resize(thumbnailWidth, thumbHeight)));
                        }
                    }
                    if (batch.size() == BATCH || item == END && !batch.isEmpty()) {
                        long t0 = System.nanoTime();
                        float[][] out = extractor.extract(batch);
                        extractNanos += System.nanoTime() - t0;
                        rows.addAll(List.of(out));
                        batch.clear();
                    }
                    if (item == END) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // abandoned by the decoder, which reports its own failure
            } catch (Throwable e) { // an Error too: the decoder must hear of it, or it waits on a full queue
                failure.compareAndSet(null, e);
            } finally {
                finished = true;
                queue.clear(); // unblock the decoder; it sees the failure at its next frame
            }
        }

        /** Hands an item to the worker, waiting for room; throws the worker's failure as soon as there is one. */
        void hand(Item item) {
            try {
                while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    rethrowFailure();
                    if (finished) {
                        throw new IllegalStateException("the feature worker stopped without a result");
                    }
                }
                rethrowFailure();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while decoding", e);
            }
        }

        void abandon() {
            abandoned = true;
            queue.clear();
        }

        /** Throws the worker's failure as it was thrown (wrapped only if it is a checked exception). */
        void rethrowFailure() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("feature extraction failed: " + t, t);
            }
        }
    }

    /** A baseline JPEG of an RGB image (quality: ImageIO's default, 0.75). */
    public static byte[] jpeg(FrameImage image) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0; i < rgb.length; i += 3) { // RGB -> BGR
            dst[i] = rgb[i + 2];
            dst[i + 1] = rgb[i + 1];
            dst[i + 2] = rgb[i];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            if (!ImageIO.write(img, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
