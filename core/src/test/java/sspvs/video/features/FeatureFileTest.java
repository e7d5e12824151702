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
    @Test
    void damagedFilesAreTheUsersOneLineErrorAndNeverABug() throws Exception {
        Path good = dir.resolve("good.h5");
        FeatureFile.write(good, sample(), Shots.of(new int[][] {{0, 19}, {20, 39}}));
        byte[] bytes = Files.readAllBytes(good);
        java.util.Random rnd = new java.util.Random(7);
        int refused = 0;
        for (int t = 0; t < 160; t++) {
            byte[] damaged;
            if (t < 40) { // truncated
                damaged = java.util.Arrays.copyOf(bytes, rnd.nextInt(bytes.length));
            } else { // a few bytes overwritten
                damaged = bytes.clone();
                for (int k = 0; k <= t % 4; k++) {
                    damaged[rnd.nextInt(damaged.length)] = (byte) rnd.nextInt(256);
                }
            }
            Path file = Files.write(dir.resolve("damaged" + t + ".h5"), damaged);
            try {
                FeatureFile.read(file); // a byte in a name or a value may still read
            } catch (UserException e) { // anything else (a bug, or a failure we did not expect) fails the test
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                assertTrue(!e.getMessage().contains("\n"), e.getMessage());
                refused++;
            }
        }
        assertTrue(refused >= 100, refused + " of 160 damaged files refused");
    }

    @Test
    void shotsOutsideTheVideoAreTheUsersError() throws Exception {
        Path file = dir.resolve("shots.h5");
        FeatureFile.write(file, sample(), Shots.of(new int[][] {{0, 19}, {20, 99}}));
        UserException e = assertThrows(UserException.class, () -> FeatureFile.read(file));
        assertTrue(e.getMessage().contains("change_points") && e.getMessage().contains("shot 1"), e.getMessage());
    }
}
