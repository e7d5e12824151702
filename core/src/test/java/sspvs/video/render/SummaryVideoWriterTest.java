package sspvs.video.render;

import sspvs.video.decode.VideoDecoder;
import sspvs.video.synthetic.SyntheticVideo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SummaryVideoWriterTest {
    @TempDir
    Path dir;

    static double audioSeconds(Path file) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            long samples = 0;
            Frame f;
            while ((f = g.grabSamples()) != null) {
                samples += f.samples.length > 1 ? f.samples[0].limit() : f.samples[0].limit() / g.getAudioChannels();
            }
            return samples / (double) g.getSampleRate();
        }
    }

    /** Mean red value of the first frame at or after {@code seconds}. */
    static double redAt(Path file, double seconds) {
        double[] red = {-1};
        new VideoDecoder().decode(file, (step, frame, img) -> {
            if (red[0] < 0 && step == (int) Math.round(seconds * 2)) {
                long sum = 0;
                for (int i = 0; i < img.rgb().length; i += 3) {
                    sum += img.rgb()[i] & 0xff;
                }
                red[0] = sum / (img.rgb().length / 3.0);
            }
        });
        return red[0];
    }

    /** Writes in {@code parts} parts; more than one without the single-pass fallback, so its failures show. */
    static SummaryVideoWriter.Written write(Path source, List<double[]> ranges, Path out, int parts)
            throws Exception {
        return parts == 0 ? SummaryVideoWriter.write(source, ranges, out)
                : parts == 1 ? SummaryVideoWriter.write(source, ranges, out, 1)
                : ParallelSummaryWriter.write(source, SummaryVideoWriter.merged(ranges), out, parts, () -> { });
    }

    /** 0: as the command writes (parts chosen by the processors, fallback allowed); 1: single pass; 2, 3: parts. */
    @ParameterizedTest(name = "parts {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void farApartRangesAreCutBySeekingWithSoundInStep(int parts) throws Exception {
        // scenes of distinct colours, 4 s each; ranges far apart force seeks
        Path source = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(4, 4, 4, 4, 4, 4).build()
                .write(dir.resolve("long.mp4")).file();
        List<double[]> ranges = List.of(new double[] {1, 2}, new double[] {9, 10.5}, new double[] {17, 18},
                new double[] {18, 19}); // the last two touch: joined
        Path out = dir.resolve("cut.mp4");
        SummaryVideoWriter.Written w = write(source, ranges, out, parts);
        assertEquals(4.5, w.seconds(), 1e-9);
        int frames = new VideoDecoder().decode(out, (s, f, img) -> { }).frameCount();
        assertEquals(135, frames, 2, "4.5 s at 30 fps");
        assertEquals(135, w.videoFrames(), 2);
        assertTrue(VideoDecoder.probe(out).hasAudio());
        assertEquals(4.5, audioSeconds(out), 0.06, "audio as long as the video");
        assertEquals(Math.round(4.5 * w.sampleRate()), w.audioSamples());
        // content: the output at 1.5 s (inside the second range) shows the source at 9.5 s
        assertTrue(Math.abs(redAt(source, 9.5) - redAt(source, 17.5)) > 24, "the scenes tell apart by red");
        assertEquals(redAt(source, 9.5), redAt(out, 1.5), 12.0);
        assertEquals(redAt(source, 17.5), redAt(out, 2.5 + 0.5), 12.0);
    }

    /** Mean red, green and blue of the first frame at or after {@code seconds}. */
    static double[] rgbAt(Path file, double seconds) {
        double[] rgb = {-1, -1, -1};
        new VideoDecoder().decode(file, (step, frame, img) -> {
            if (rgb[0] < 0 && step == (int) Math.round(seconds * 2)) {
                double[] sum = new double[3];
                for (int i = 0; i < img.rgb().length; i++) {
                    sum[i % 3] += img.rgb()[i] & 0xff;
                }
                for (int c = 0; c < 3; c++) {
                    rgb[c] = sum[c] / (img.rgb().length / 3.0);
                }
            }
        });
        return rgb;
    }

    /**
     * The grabber pads picture rows to 64 bytes; the recorder assumed none, so at widths like 160 (or 720, 854)
     * the chroma came from the wrong place. Colours must match the source whatever the width.
     */
    @ParameterizedTest(name = "parts {0}")
    @ValueSource(ints = {1, 2})
    void coloursAreKeptAtAWidthThatIsNotAMultipleOf64(int parts) throws Exception {
        Path source = SyntheticVideo.builder().size(160, 120).fps(25).sceneSeconds(2, 2, 2).build()
                .write(dir.resolve("wide.mp4")).file();
        Path out = dir.resolve("wide-cut.mp4");
        write(source, List.of(new double[] {0.5, 2.5}, new double[] {3, 5.5}), out, parts);
        for (double[] at : new double[][] {{1.0, 1.5}, {2.5, 3.5}, {4.0, 5.0}}) {
            double[] want = rgbAt(source, at[1]);
            double[] got = rgbAt(out, at[0]);
            for (int c = 0; c < 3; c++) {
                assertEquals(want[c], got[c], 6.0, "channel " + c + " at summary " + at[0] + " s");
            }
        }
    }

    @ParameterizedTest(name = "parts {0}")
    @ValueSource(ints = {1, 2})
    void reportsEveryFrameAsItIsWritten(int parts) throws Exception {
        Path source = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(3, 3, 3).build()
                .write(dir.resolve("progress.mp4")).file();
        List<Long> reported = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        SummaryVideoWriter.Written w = SummaryVideoWriter.write(source, List.of(new double[] {0.5, 2.5},
                new double[] {5, 7.5}), dir.resolve("progress-out.mp4"), parts, reported::add, warning -> { });
        assertEquals(w.videoFrames(), reported.size(), "one report a frame");
        assertEquals(w.videoFrames(), reported.stream().mapToLong(Long::longValue).max().orElse(0));
        assertEquals(135, w.videoFrames(), 2, "4.5 s at 30 fps");
    }

    @Test
    void touchingRangesAreJoined() {
        List<double[]> m = SummaryVideoWriter.merged(List.of(new double[] {0, 1}, new double[] {1, 2},
                new double[] {3, 4}));
        assertEquals(2, m.size());
        assertEquals(2.0, m.get(0)[1]);
    }
}
