package sspvs.video.render;

import sspvs.video.decode.VideoDecoder;
import sspvs.video.synthetic.SyntheticVideo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4JoinerTest {
    @TempDir
    Path dir;

    Path part(String name, int width, double seconds, boolean audio) throws IOException {
        return SyntheticVideo.builder().size(width, 48).fps(30).sceneSeconds(seconds).audio(audio).build()
                .write(dir.resolve(name)).file();
    }

    @Test
    void partsFollowOneAnotherAtTheirOrigins() throws Exception {
        Path a = part("a.mp4", 64, 2, false);
        Path b = part("b.mp4", 64, 1, false);
        Path out = dir.resolve("joined.mp4");
        int frames = Mp4Joiner.join(List.of(new Mp4Joiner.VideoPart(a, 0), new Mp4Joiner.VideoPart(b, 60)),
                Mp4Joiner.frameTimeBase(30), null, out);
        assertEquals(90, frames);
        Mp4Inspection i = Mp4Inspection.of(out);
        assertEquals(0, i.decodeErrors());
        assertEquals(90, i.decodedFrames());
        for (int n = 0; n < 90; n++) {
            assertEquals(n / 30.0, i.videoPts().get(n), 1e-9, "frame " + n);
        }
        assertTrue(i.audioPts().isEmpty());
    }

    @Test
    void aPartStartingOnItsPredecessorsLastFrameMovesOnAsTheEncoderWould() throws Exception {
        Path a = part("a.mp4", 64, 1, false);
        Path b = part("b.mp4", 64, 1, false);
        Path out = dir.resolve("joined.mp4");
        // b's origin 29 is a's last frame: each of b's frames goes one later, none collides
        Mp4Joiner.join(List.of(new Mp4Joiner.VideoPart(a, 0), new Mp4Joiner.VideoPart(b, 29)),
                Mp4Joiner.frameTimeBase(30), null, out);
        Mp4Inspection i = Mp4Inspection.of(out);
        assertEquals(60, i.decodedFrames());
        assertTrue(i.videoTimestampsStrictlyIncrease());
        assertEquals(59 / 30.0, i.videoPts().get(59), 1e-9);
    }

    @Test
    void soundIsCopiedBesideThePicture() throws Exception {
        Path a = part("a.mp4", 64, 2, false);
        Path sound = part("sound.mp4", 64, 2, true); // its picture is skipped, its sound copied
        Path out = dir.resolve("joined.mp4");
        Mp4Joiner.join(List.of(new Mp4Joiner.VideoPart(a, 0)), Mp4Joiner.frameTimeBase(30), sound, out);
        assertTrue(VideoDecoder.probe(out).hasAudio());
        assertEquals(Mp4Inspection.of(sound).audioPts(), Mp4Inspection.of(out).audioPts());
        assertEquals(2.0, SummaryVideoWriterTest.audioSeconds(out), 0.05);
    }

    @Test
    void partsCodedDifferentlyAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path a = part("a.mp4", 64, 1, false);
        Path b = part("b.mp4", 96, 1, false);
        Path out = dir.resolve("joined.mp4");
        IOException e = assertThrows(IOException.class, () -> Mp4Joiner.join(
                List.of(new Mp4Joiner.VideoPart(a, 0), new Mp4Joiner.VideoPart(b, 30)),
                Mp4Joiner.frameTimeBase(30), null, out));
        assertTrue(e.getMessage().contains("coded differently"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
