package sspvs.video.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import sspvs.video.decode.FrameImage;
import sspvs.video.decode.VideoInfo;
import sspvs.video.decode.VideoSampling;

/**
 * The decode -> features threads end on a failure of either side, never hang, report the original throwable,
 * and leave the extractor to be closed only once the worker is out of it. Decoding and extraction are fakes.
 */
class VideoFeaturePipelineFailureTest {
    private static final Path VIDEO = Path.of("fake.mp4");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** Hands {@code frames} tiny images to the sink, then returns a matching sampling. */
    private static VideoFeaturePipeline.Decoding frames(int frames) {
        return (video, sink) -> {
            for (int i = 0; i < frames; i++) {
                sink.accept(i, i, new FrameImage(2, 2, new byte[12]));
            }
            int[] picks = new int[frames];
            double[] times = new double[frames];
            for (int i = 0; i < frames; i++) {
                picks[i] = i;
                times[i] = i / 2.0;
            }
            VideoInfo info = new VideoInfo(video, frames / 2.0, 2, frames, 2, 2, 0, false, "fake", "fake");
            return new VideoSampling(info, frames, 0, 0, picks, times);
        };
    }

    /** An extractor giving each frame the row {batch index}, throwing {@code failure} on batch {@code failing}. */
    private static final class FailingExtractor implements FeatureExtractor {
        private final int failing;
        private final Throwable failure;
        private int batches;

        FailingExtractor(int failing, Throwable failure) {
            this.failing = failing;
            this.failure = failure;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[][] extract(List<FrameImage> frames) {
            if (batches++ == failing) {
                sneakyThrow(failure);
            }
            float[][] out = new float[frames.size()][1];
            for (float[] row : out) {
                row[0] = batches;
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
            throw (T) t;
        }
    }

    @Test
    void anErrorOfTheExtractorEndsTheDecoderWithThatError() {
        AssertionError boom = new AssertionError("extractor broke on batch 2");
        // far more frames than the queue holds: a decoder that did not hear of the failure would wait forever
        VideoFeaturePipeline pipeline = new VideoFeaturePipeline(frames(2000), new FailingExtractor(2, boom), 0);
        Throwable thrown = assertTimeoutPreemptively(LIMIT, () -> assertThrows(Throwable.class,
                () -> pipeline.run(VIDEO)));
        assertSame(boom, thrown);
    }

    @Test
    void anOutOfMemoryErrorOfTheExtractorOnTheLastBatchIsRethrown() {
        OutOfMemoryError oom = new OutOfMemoryError("fake: no room for the batch");
        // 40 frames: batches 0, 1 and the short last one (2), which fails after the decoder handed the end
        VideoFeaturePipeline pipeline = new VideoFeaturePipeline(frames(40), new FailingExtractor(2, oom), 0);
        Throwable thrown = assertTimeoutPreemptively(LIMIT, () -> assertThrows(Throwable.class,
                () -> pipeline.run(VIDEO)));
        assertSame(oom, thrown);
    }

    @Test
    void aRuntimeExceptionOfTheExtractorIsRethrownAsItWas() {
        IllegalStateException bug = new IllegalStateException("a bug in the extractor");
        VideoFeaturePipeline pipeline = new VideoFeaturePipeline(frames(500), new FailingExtractor(0, bug), 0);
        Throwable thrown = assertTimeoutPreemptively(LIMIT, () -> assertThrows(Throwable.class,
                () -> pipeline.run(VIDEO)));
        assertSame(bug, thrown);
    }

    @Test
    void aPassWithoutFailuresKeepsEveryRowInOrder() {
        VideoFeaturePipeline.Result r = assertTimeoutPreemptively(LIMIT,
                () -> new VideoFeaturePipeline(frames(40), new FailingExtractor(-1, null), 0).run(VIDEO));
        assertEquals(40, r.features().length);
        assertEquals(1f, r.features()[0][0]);
        assertEquals(3f, r.features()[39][0]);
    }

    @Test
    void aDecodeFailureDuringExtractionIsReportedAndTheExtractorClosesOnlyAfterTheWorkerReturned() {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch decodeFailed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // like session.run in native code: deaf to interrupts, returns only when its work is done
        FeatureExtractor blocking = new FeatureExtractor() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public float[][] extract(List<FrameImage> frames) {
                events.add("extract entered");
                inside.countDown();
                awaitIgnoringInterrupts(release);
                events.add("extract returned");
                return new float[frames.size()][1];
            }

            @Override
            public void close() {
                events.add("extractor closed");
            }
        };
        RuntimeException decodeFailure = new RuntimeException("the demuxer broke");
        VideoFeaturePipeline.Decoding decoding = (video, sink) -> {
            for (int i = 0; i < VideoFeaturePipeline.BATCH; i++) {
                sink.accept(i, i, new FrameImage(2, 2, new byte[12]));
            }
            awaitIgnoringInterrupts(inside);
            decodeFailed.countDown();
            throw decodeFailure;
        };
        // lets the extractor return well after the decoder failed: a pipeline that did not wait would close first
        Thread releaser = new Thread(() -> {
            awaitIgnoringInterrupts(decodeFailed);
            sleep(300);
            release.countDown();
        });
        releaser.start();
        assertTimeoutPreemptively(LIMIT, () -> {
            try (blocking) {
                RuntimeException thrown = assertThrows(RuntimeException.class,
                        () -> new VideoFeaturePipeline(decoding, blocking, 0).run(VIDEO));
                events.add("run threw");
                assertSame(decodeFailure, thrown);
            }
        });
        assertEquals(List.of("extract entered", "extract returned", "run threw", "extractor closed"), events);
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(10, TimeUnit.SECONDS)) {
                    break;
                }
                throw new AssertionError("latch not released within 10 s");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
