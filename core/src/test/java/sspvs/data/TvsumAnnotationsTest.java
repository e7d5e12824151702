package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import sspvs.SharedData;
import sspvs.UserException;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TvsumAnnotationsTest {
    private List<AnnotatedVideo> fromMat;

    @BeforeAll
    void readMatOnce() {
        fromMat = TvsumAnnotations.readMat(SharedData.require("tvsum/" + TvsumAnnotations.MAT), 0);
    }

    @Test
    void matHoldsFiftyVideosRatedByTwentyUsers() {
        assertEquals(50, fromMat.size());
        for (AnnotatedVideo v : fromMat) {
            assertEquals(20, v.users(), v.key());
            assertEquals(v.nFrames(), v.userScores()[0].length, v.key());
            assertNull(v.userSummary(), "TVSum has no user summaries");
        }
    }

    @Test
    void videosAreInEccv16KeyOrderWithTheDocumentedFrameCounts() {
        assertVideo(fromMat.get(0), "video_1", "AwmHb44_ouw", 10597);
        assertVideo(fromMat.get(3), "video_4", "gzDbaEs1Rlg", 7210);
        assertVideo(fromMat.get(20), "video_21", "cjibtmSLxQ4", 19406);
        assertVideo(fromMat.get(44), "video_45", "iVt07TCkFM0", 2500);
        assertVideo(fromMat.get(49), "video_50", "-esJrBWj2d8", 6912);
    }

    @Test
    void ratingsAreOneToFiveAndFpsIsAVideoRate() {
        for (AnnotatedVideo v : fromMat) {
            for (float[] u : v.userScores()) {
                for (float s : u) assertTrue(s >= 1 && s <= 5 && s == Math.rint(s), v.key() + " has score " + s);
            }
            assertTrue(v.fps() > 14 && v.fps() < 31, v.key() + " fps " + v.fps());
        }
        assertEquals(10597 / 353.593, fromMat.get(0).fps(), 0.01);
    }

    @Test
    void categoriesAndMojibakeTitlesAreDecoded() {
        assertEquals("VT", fromMat.get(0).category());
        assertTrue(fromMat.get(3).title().startsWith("ŠKODA"), fromMat.get(3).title());
        assertTrue(fromMat.get(24).title().contains("Viña del Mar"), fromMat.get(24).title());
    }

    @Test
    void tsvFilesAgreeWithTheMat() {
        Path dir = SharedData.require("tvsum");
        List<AnnotatedVideo> fromTsv = TvsumAnnotations.readTsv(dir.resolve(TvsumAnnotations.ANNO_TSV),
                dir.resolve(TvsumAnnotations.INFO_TSV), 0);
        assertEquals(fromMat.size(), fromTsv.size());
        for (int i = 0; i < fromMat.size(); i++) {
            AnnotatedVideo m = fromMat.get(i);
            AnnotatedVideo t = fromTsv.get(i);
            assertEquals(m.key(), t.key());
            assertEquals(m.name(), t.name());
            assertEquals(m.category(), t.category());
            assertEquals(m.title(), t.title(), m.key());
            assertEquals(m.nFrames(), t.nFrames());
            assertArrayEquals(m.userScores(), t.userScores(), m.key());
            assertEquals(m.fps(), t.fps(), 0.5, "m:ss lengths give fps to about a frame");
        }
    }

    @Test
    void firstVideosOnlyWhenLimited() {
        List<AnnotatedVideo> two = TvsumAnnotations.read(SharedData.require("tvsum"), 2);
        assertEquals(List.of("video_1", "video_2"), two.stream().map(AnnotatedVideo::key).toList());
    }

    @Test
    void folderWithoutAnnotationsIsAUserError(@TempDir Path empty) {
        UserException e = assertThrows(UserException.class, () -> TvsumAnnotations.read(empty, 0));
        assertTrue(e.getMessage().contains(TvsumAnnotations.MAT), e.getMessage());
    }

    private static void assertVideo(AnnotatedVideo v, String key, String id, int frames) {
        assertEquals(key, v.key());
        assertEquals(id, v.name());
        assertEquals(frames, v.nFrames());
    }
}
