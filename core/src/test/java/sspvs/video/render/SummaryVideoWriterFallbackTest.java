package sspvs.video.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.video.synthetic.SyntheticVideo;

/** Writing in parts falls back to one pass on FFmpeg's and I/O failures only, and says so; bugs propagate. */
class SummaryVideoWriterFallbackTest {
    private static final List<double[]> RANGES = List.of(new double[] {0.5, 2.5}, new double[] {4, 5});

    @TempDir
    Path dir;

    private Path source() throws Exception {
        return SyntheticVideo.builder().size(64, 48).fps(25).sceneSeconds(2, 2, 2).build()
                .write(dir.resolve("source.mp4")).file();
    }

    @Test
    void aPartFFmpegCannotEncodeFallsBackToOnePassAndSaysSo() throws Exception {
        Path out = dir.resolve("summary.mp4");
        List<String> warnings = new ArrayList<>();
        SummaryVideoWriter.Written w = SummaryVideoWriter.write(source(), RANGES, out, 2, n -> { }, warnings::add,
                (src, merged, file, parts, onFrame) -> {
                    Files.writeString(file, "half a join"); // what a failed join may leave
                    throw new FrameRecorder.Exception("avcodec_send_frame() error -22: fake");
                });
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("writing in 2 parts failed") && warnings.get(0).contains("one pass"),
                warnings.get(0));
        assertEquals(75, w.videoFrames(), 2, "3 s at 25 fps, written in one pass");
        Mp4Inspection written = Mp4Inspection.of(out);
        assertEquals(w.videoFrames(), written.decodedFrames());
        assertEquals(0, written.decodeErrors());
    }

    @Test
    void aBugInThePartsPropagatesWithoutAFallback() throws Exception {
        Path out = dir.resolve("summary.mp4");
        List<String> warnings = new ArrayList<>();
        IllegalStateException bug = new IllegalStateException("a bug in the parts");
        Path source = source();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> SummaryVideoWriter.write(
                source, RANGES, out, 2, n -> { }, warnings::add, (src, merged, file, parts, onFrame) -> {
                    throw bug;
                }));
        assertSame(bug, thrown);
        assertEquals(List.of(), warnings);
        assertFalse(Files.exists(out), "no single pass was written");
    }

    @Test
    void aLinkageErrorPropagatesWithoutAFallback() throws Exception {
        List<String> warnings = new ArrayList<>();
        UnsatisfiedLinkError missing = new UnsatisfiedLinkError("no jniavcodec in java.library.path (fake)");
        Path source = source();
        assertSame(missing, assertThrows(UnsatisfiedLinkError.class, () -> SummaryVideoWriter.write(source, RANGES,
                dir.resolve("summary.mp4"), 2, n -> { }, warnings::add, (src, merged, file, parts, onFrame) -> {
                    throw missing;
                })));
        assertEquals(List.of(), warnings);
    }
}
