package sspvs.video.render;

import sspvs.video.decode.VideoDecoder;
import sspvs.video.synthetic.SyntheticVideo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The summary written in parts at once equals the single pass: same frames at the same times, same sound. */
class ParallelSummaryWriterTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static Path source;
    // 16 s of 2 s scenes; the ranges cross scene changes, and with 3 parts a cut falls on one (source 8.0 s)
    static final List<double[]> RANGES = List.of(new double[] {1, 3.4}, new double[] {5, 9.2},
            new double[] {12.5, 14});
    static Path single;
    static SummaryVideoWriter.Written singleWritten;

    /** Writes in parts without the single-pass fallback, so a failure of the parallel path shows. */
    static SummaryVideoWriter.Written inParts(Path video, List<double[]> ranges, Path out, int parts)
            throws Exception {
        return ParallelSummaryWriter.write(video, SummaryVideoWriter.merged(ranges), out, parts, () -> { });
    }

    @BeforeAll
    static void writeSourceAndSinglePass() throws Exception {
        source = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(2, 2, 2, 2, 2, 2, 2, 2).build()
                .write(shared.resolve("scenes.mp4")).file();
        single = shared.resolve("single.mp4");
        singleWritten = SummaryVideoWriter.write(source, RANGES, single, 1);
    }

    /** Timestamp (microseconds) and mean red of every decoded frame. */
    static List<double[]> frames(Path file) throws Exception {
        List<double[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) {
                ByteBuffer b = (ByteBuffer) f.image[0];
                long sum = 0;
                int n = 0;
                for (int y = 0; y < f.imageHeight; y++) {
                    for (int x = 0; x < f.imageWidth; x++) {
                        sum += b.get(y * f.imageStride + x * 3 + 2) & 0xff;
                        n++;
                    }
                }
                out.add(new double[] {f.timestamp, sum / (double) n});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} parts")
    @ValueSource(ints = {2, 3})
    void partsGiveTheSingleTimelineFrameForFrame(int parts) throws Exception {
        Path out = dir.resolve("parts.mp4");
        SummaryVideoWriter.Written w = inParts(source, RANGES, out, parts);

        assertEquals(singleWritten, w, "same frames, samples, length and codec reported");
        Mp4Inspection one = Mp4Inspection.of(single);
        Mp4Inspection many = Mp4Inspection.of(out);
        assertEquals(0, many.decodeErrors(), "every packet decodes");
        assertEquals(w.videoFrames(), many.decodedFrames());
        assertEquals(one.decodedFrames(), many.decodedFrames());
        assertTrue(many.videoTimestampsStrictlyIncrease());
        assertEquals(one.videoPts(), many.videoPts(), "each frame at the single pass's time");
        assertEquals(one.durationSeconds(), many.durationSeconds(), 1e-9);
        assertEquals(one.videoSeconds(), many.videoSeconds(), 1e-9);
        assertEquals(one.audioSeconds(), many.audioSeconds(), 1e-9);
        assertEquals(one.audioPts(), many.audioPts(), "the sound's packets (priming included) as in one pass");
        double aacFrame = 1024.0 / w.sampleRate();
        assertEquals(w.seconds(), SummaryVideoWriterTest.audioSeconds(out), aacFrame, "sound as long as picture");
        assertEquals(w.seconds(), w.videoFrames() / 30.0, 1.0 / 30);

        // every frame shows what the single pass shows at that time, across the parts' joins too
        List<double[]> a = frames(single);
        List<double[]> b = frames(out);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i)[0], b.get(i)[0], 1.0, "time of frame " + i);
            assertEquals(a.get(i)[1], b.get(i)[1], 12.0, "red of frame " + i + " at " + a.get(i)[0] / 1e6 + " s");
        }
        // and the source's picture: around the cut of 2 parts (4.07 s, source 6.67) and 3 parts (5.4 s, source 8.0)
        for (double[] at : new double[][] {{0.5, 1.5}, {2.0, 3.0}, {3.75, 6.35}, {4.5, 7.1}, {5.0, 7.6},
                {5.5, 8.1}, {6.5, 9.1}, {7.0, 12.9}}) {
            assertEquals(SummaryVideoWriterTest.redAt(source, at[1]), SummaryVideoWriterTest.redAt(out, at[0]),
                    12.0, "summary " + at[0] + " s shows source " + at[1] + " s");
        }
    }

    @Test
    void partsLeaveNoTemporaryFileBehind() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("out"));
        inParts(source, RANGES, folder.resolve("summary.mp4"), 3);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("summary.mp4")), files.toList());
        }
    }

    @Test
    void aSourceWithoutSoundGivesASilentSummaryInPartsToo() throws Exception {
        Path mute = SyntheticVideo.builder().size(64, 48).fps(25).sceneSeconds(3, 3, 3).audio(false).build()
                .write(dir.resolve("mute.mp4")).file();
        List<double[]> ranges = List.of(new double[] {0.5, 2.5}, new double[] {4, 8});
        Path one = dir.resolve("one.mp4");
        Path two = dir.resolve("two.mp4");
        SummaryVideoWriter.Written w1 = SummaryVideoWriter.write(mute, ranges, one, 1);
        SummaryVideoWriter.Written w2 = inParts(mute, ranges, two, 2);
        assertEquals(w1, w2);
        assertFalse(w2.hasAudio());
        assertFalse(VideoDecoder.probe(two).hasAudio());
        Mp4Inspection i2 = Mp4Inspection.of(two);
        assertEquals(0, i2.decodeErrors());
        assertEquals(150, i2.decodedFrames(), 1);
        assertEquals(Mp4Inspection.of(one).videoPts(), i2.videoPts());
    }

    @Test
    void aVariableRateSourceGivesTheSingleTimelineInPartsToo() throws Exception {
        // half rate in the first half: frame numbers skip, and a part's first frame may not sit on its cut
        Path vfr = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(3, 3, 3, 3).variableRate(true)
                .build().write(dir.resolve("vfr.mp4")).file();
        List<double[]> ranges = List.of(new double[] {0.4, 3.1}, new double[] {4.0, 7.3}, new double[] {9, 11});
        Path one = dir.resolve("one.mp4");
        Path three = dir.resolve("three.mp4");
        SummaryVideoWriter.Written w1 = SummaryVideoWriter.write(vfr, ranges, one, 1);
        SummaryVideoWriter.Written w3 = inParts(vfr, ranges, three, 3);
        assertEquals(w1, w3);
        Mp4Inspection i3 = Mp4Inspection.of(three);
        assertEquals(0, i3.decodeErrors());
        assertEquals(w3.videoFrames(), i3.decodedFrames());
        assertEquals(Mp4Inspection.of(one).videoPts(), i3.videoPts());
        assertEquals(Mp4Inspection.of(one).audioPts(), i3.audioPts());
    }

    @Test
    void rotationIsKeptInParts() throws Exception {
        Path turned = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(3, 3).rotation(90).build()
                .write(dir.resolve("turned.mp4")).file();
        Path out = dir.resolve("turned-summary.mp4");
        inParts(turned, List.of(new double[] {0, 2}, new double[] {3, 5.5}), out, 2);
        assertEquals(VideoDecoder.probe(turned).rotationDegrees(), VideoDecoder.probe(out).rotationDegrees());
        assertEquals(90, VideoDecoder.probe(out).rotationDegrees());
    }

    @Test
    void frameTimeBaseIsTheRecordersInverseRate() {
        assertArrayEquals(new int[] {1, 30}, Mp4Joiner.frameTimeBase(30));
        assertArrayEquals(new int[] {1001, 30000}, Mp4Joiner.frameTimeBase(30000 / 1001.0));
    }

    @Test
    void aSummaryJoinedFromPartsPlaysAndSeeksInABrowser() throws Exception {
        Path chromium = sspvs.HeadlessChromium.require("play the joined summary.mp4 as report.html does");
        inParts(source, RANGES, dir.resolve("summary.mp4"), 3);
        Files.copy(single, dir.resolve("single.mp4"));
        String joined = playInChromium(chromium, "summary.mp4");
        // a browser build without H.264 fails on the single pass's file too: then there is nothing to learn here
        sspvs.Skip.unlessApplicable(playInChromium(chromium, "single.mp4").startsWith("metadata "),
                "this Chromium cannot play H.264 (it fails on the single-pass file too)");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("metadata ([0-9.]+) 64x48 seeked ([0-9.]+)")
                .matcher(joined);
        assertTrue(m.matches(), "the browser read and sought the joined file: " + joined);
        assertEquals(8.1, Double.parseDouble(m.group(1)), 0.1, "2.4 + 4.2 + 1.5 s of summary");
        assertEquals(5.0, Double.parseDouble(m.group(2)), 0.05);
    }

    /** What a {@code <video>} element (as report.html has) reports for {@code file} beside the page. */
    private String playInChromium(Path chromium, String file) throws Exception {
        Path page = Files.writeString(dir.resolve("play-" + file + ".html"), """
                <html><body><div id="result">pending</div>
                <video id="v" preload="auto" muted src="FILE"></video>
                <script>
                const v = document.getElementById('v'), r = document.getElementById('result');
                v.addEventListener('loadedmetadata', () => {
                  r.textContent = 'metadata ' + v.duration.toFixed(2) + ' ' + v.videoWidth + 'x' + v.videoHeight;
                  v.currentTime = 5.0; // inside the second part of three
                });
                v.addEventListener('seeked', () => { r.textContent += ' seeked ' + v.currentTime.toFixed(2); });
                v.addEventListener('error', () => { r.textContent = 'error ' + v.error.code + ' ' + v.error.message; });
                </script></body></html>
                """.replace("FILE", file));
        String dom = sspvs.HeadlessChromium.dumpDom(chromium, page, dir);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<div id=\"result\">([^<]*)</div>").matcher(dom);
        return m.find() ? m.group(1) : "no result in: " + dom;
    }
}
