package sspvs.video.features;

import sspvs.data.Shots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class FeatureFileTest {
    @TempDir
    Path dir;

    static VideoFeatures sample() {
        float[][] f = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9.5f}};
        return new VideoFeatures("clip.mp4", "ab".repeat(32), f, new int[] {0, 15, 30}, new double[] {0, 0.5, 1},
                40, 30, "onnx:m.onnx#out", "");
    }

    @Test
    void roundTripKeepsFeaturesSamplingShotsAndProvenance() {
        Path file = dir.resolve("features.h5");
        Shots shots = new Shots(new int[][] {{0, 14}, {15, 39}}, new int[] {15, 25});
        FeatureFile.write(file, sample(), shots);
        FeatureFile.Contents c = FeatureFile.read(file);
        VideoFeatures f = c.features();
        assertArrayEquals(sample().features(), f.features());
        assertArrayEquals(sample().picks(), f.picks());
        assertArrayEquals(sample().sampleTimes(), f.sampleTimes());
        assertEquals(40, f.nFrames());
        assertEquals(30.0, f.fps());
        assertEquals("clip.mp4", f.videoName());
        assertEquals("ab".repeat(32), f.videoSha256());
        assertEquals("onnx:m.onnx#out", f.extractor());
        assertEquals("", f.extractorSha256(), "empty text survives jhdf's no-empty-string limit");
        assertArrayEquals(shots.changePoints(), c.shotsOrNull().changePoints());
        assertArrayEquals(shots.nFramePerSeg(), c.shotsOrNull().nFramePerSeg());

        FeatureFile.write(file, sample(), null);
        assertNull(FeatureFile.read(file).shotsOrNull());
    }

    @Test
    void otherFilesAreRefusedNamingThem() throws Exception {
        Path text = Files.writeString(dir.resolve("x.h5"), "not hdf5");
        UserException e = assertThrows(UserException.class, () -> FeatureFile.read(text));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
        Path missing = dir.resolve("none.h5");
        e = assertThrows(UserException.class, () -> FeatureFile.read(missing));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
