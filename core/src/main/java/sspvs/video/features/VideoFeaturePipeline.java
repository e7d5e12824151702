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
 */
public final class VideoFeaturePipeline {
    /** Frames handed to the extractor at once. */
    public static final int BATCH = 16;
    private static final int QUEUE = 64;

    private final VideoDecoder decoder;
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
        this.decoder = Objects.requireNonNull(decoder);
        this.extractor = Objects.requireNonNull(extractor);
        this.thumbnailWidth = thumbnailWidth;
    }

    private record Item(FrameImage image) {}

    private static final Item END = new Item(null);

    /** Runs the pass over {@code video}. Errors of either thread surface here (UserExceptions as they are). */
    public Result run(Path video) {
        long start = System.nanoTime();
        VideoInfo info = VideoDecoder.probe(video);
        int thumbH = thumbnailWidth <= 0 ? 0 : Math.max(2,
                (int) Math.round(thumbnailWidth * (double) info.displayHeight() / Math.max(1, info.displayWidth())));
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
        List<float[]> rows = new ArrayList<>();
        List<byte[]> thumbs = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        long[] extractNanos = {0};
        Thread worker = new Thread(() -> {
            List<FrameImage> batch = new ArrayList<>(BATCH);
            try {
                while (true) {
                    Item item = queue.take();
                    if (item != END) {
                        batch.add(item.image());
                        if (thumbnailWidth > 0) {
                            thumbs.add(jpeg(item.image().resize(thumbnailWidth, thumbH)));
                        }
                    }
                    if (batch.size() == BATCH || item == END && !batch.isEmpty()) {
                        long t0 = System.nanoTime();
                        float[][] out = extractor.extract(batch);
                        extractNanos[0] += System.nanoTime() - t0;
                        rows.addAll(List.of(out));
                        batch.clear();
                    }
                    if (item == END) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
                queue.clear(); // unblock the decoder; it sees the failure at its next frame
            }
        }, "sspvs-features");
        worker.setDaemon(true);
        worker.start();
        VideoSampling sampling;
        try {
            sampling = decoder.decode(video, (step, frameIndex, image) -> offer(queue, new Item(image), failure));
            offer(queue, END, failure);
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while extracting features", e);
        } finally {
            if (worker.isAlive()) {
                worker.interrupt();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return new Result(sampling, rows.toArray(new float[0][]), thumbs, (System.nanoTime() - start) / 1e9,
                extractNanos[0] / 1e9);
    }

    private static void offer(BlockingQueue<Item> queue, Item item, AtomicReference<RuntimeException> failure) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
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
