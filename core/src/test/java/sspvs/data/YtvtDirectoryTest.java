package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.SharedData;
import sspvs.UserException;
import sspvs.text.VideoTextInfo;

/** The YTVT layout: the synthetic stand-in reads back; missing pieces are explained; the real lists parse. */
class YtvtDirectoryTest {
    @TempDir
    static Path data;

    private static final SyntheticVideoText.Spec SPEC = new SyntheticVideoText.Spec(10, 3, 8, 5, 40, 0.3, 4);

    @BeforeAll
    static void write() {
        SyntheticVideoText.write(data, SPEC);
    }

    private static YtvtDirectory open(Path root) {
        return YtvtDirectory.open(root, "features", "info_embed", "list_file/train_list.json",
                "list_file/val_list.json", 1 << 20);
    }

    @Test
    void syntheticDataReadsBackInTheYtvtLayout() {
        YtvtDirectory dir = open(data);
        assertEquals(10, dir.trainIds().size() + dir.valIds().size());
        assertTrue(dir.valIds().size() >= 2);
        for (String id : dir.trainIds()) {
            float[][] f = dir.features(id);
            assertTrue(f.length >= 5 && f.length <= 40);
            assertEquals(8, f[0].length);
            VideoTextInfo text = dir.text(id);
            assertTrue(text.hasDescription());
            assertTrue(text.description().length >= 20, "description of " + id);
        }
    }

    @Test
    void videosOfOneTopicShareFeatureDirectionAndWords() {
        YtvtDirectory dir = open(data);
        // syn00000 and syn00003 share topic 0; syn00001 has topic 1
        double same = distance(mean(dir.features("syn00000")), mean(dir.features("syn00003")));
        double other = distance(mean(dir.features("syn00000")), mean(dir.features("syn00001")));
        assertTrue(same < 0.7 * other, "mean features apart: same topic " + same + ", other topic " + other);
        assertEquals(dir.text("syn00000").category()[0], dir.text("syn00003").category()[0]);
    }

    @Test
    void aMissingFolderSaysWhatIsExpectedAndWhereYtvtIs(@TempDir Path empty) {
        UserException e = assertThrows(UserException.class, () -> open(empty));
        assertTrue(e.getMessage().contains("no folder features"), e.getMessage());
        assertTrue(e.getMessage().contains("figshare"), e.getMessage());
        assertTrue(e.getMessage().contains("info_embed/<id>.h5"), e.getMessage());
    }

    @Test
    void aDamagedOrNonNumericFeaturesFileIsAUserErrorNamingFileAndVideo(@TempDir Path root) throws Exception {
        Path garbled = root.resolve("garbled.h5");
        Files.writeString(garbled, "not an HDF5 file at all");
        UserException damaged = assertThrows(UserException.class, () -> YtvtDirectory.readFeatures(garbled, "v1"));
        assertTrue(damaged.getMessage().contains("garbled.h5") && damaged.getMessage().contains("v1"),
                damaged.getMessage());
        Path words = root.resolve("words.h5");
        try (io.jhdf.WritableHdfFile hdf = io.jhdf.HdfFile.write(words)) {
            hdf.putDataset("features", new String[] {"a", "b"});
        }
        UserException text = assertThrows(UserException.class, () -> YtvtDirectory.readFeatures(words, "v2"));
        assertTrue(text.getMessage().contains("words.h5") && text.getMessage().contains("v2"), text.getMessage());
    }

    @Test
    void aMissingVideoFileIsNamed(@TempDir Path root) throws Exception {
        SyntheticVideoText.write(root, SPEC);
        Path gone = root.resolve("info_embed").resolve("syn00004.h5");
        Files.delete(gone);
        UserException e = assertThrows(UserException.class, () -> open(root));
        assertTrue(e.getMessage().contains(gone.toString()), e.getMessage());
        assertTrue(e.getMessage().startsWith("1 file(s)"), e.getMessage());
    }

    @Test
    void aMissingListFileIsNamed(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("features"));
        Files.createDirectories(root.resolve("info_embed"));
        UserException e = assertThrows(UserException.class, () -> open(root));
        assertTrue(e.getMessage().contains("train_list.json"), e.getMessage());
    }

    @Test
    void theAuthorsListsParse() {
        Path lists = SharedData.require("ytvt");
        List<String> train = YtvtDirectory.readList(lists, lists.resolve("train_list.json"));
        List<String> val = YtvtDirectory.readList(lists, lists.resolve("val_list.json"));
        assertEquals(2464, train.size());
        assertEquals(617, val.size());
    }

    private static float[] mean(float[][] f) {
        float[] m = new float[f[0].length];
        for (float[] row : f) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / f.length;
            }
        }
        return m;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }
}
