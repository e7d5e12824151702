package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads a file written by h5py the way the public files were (see tools/make_h5py_eccv16_fixture.py). */
class Eccv16FileH5pyTest {
    private static Path fixture() throws URISyntaxException {
        return Path.of(Eccv16FileH5pyTest.class.getResource("h5py_eccv16_fixture.h5").toURI());
    }

    @Test
    void readsMixedDtypesCompressionAndBothStringKinds() throws Exception {
        try (Eccv16File f = Eccv16File.open(fixture())) {
            assertEquals(List.of("video_1", "video_2", "video_3"), f.keys());

            VideoRecord tvsumLike = f.read("video_1");
            assertEquals(120, tvsumLike.nFrames());
            assertArrayEquals(new int[] {0, 15, 30, 45, 60, 75, 90, 105}, tvsumLike.picks());
            assertEquals(1.0f, tvsumLike.gtscore()[7], 1e-6);
            assertEquals("", tvsumLike.name());
            assertFalse(tvsumLike.hasUserScores());

            VideoRecord summeLike = f.read("video_2");
            assertEquals("Air_Force_One", summeLike.name());
            assertEquals(16, summeLike.features()[0].length);
            assertEquals(119, summeLike.changePoints()[1][1], "one past the end is clipped");

            VideoRecord vlen = f.read("video_3");
            assertEquals("Viña del Mar", vlen.name());
            assertEquals(3, vlen.userScores().length);

            String warnings = String.join("\n", f.warnings());
            assertTrue(warnings.contains("video_2") && warnings.contains("one past the last frame"), warnings);
            assertTrue(warnings.contains("video_2, field 'n_frame_per_seg'"), warnings);
            assertFalse(warnings.contains("video_1") || warnings.contains("video_3"), warnings);
        }
    }

    @Test
    void aUserSummaryOfNoUsersSaysSoNotNotNumeric() throws Exception {
        // issue 15 item 9: h5py's (0, n_frames) user_summary of an unannotated video said "not numeric"
        // (tools/make_no_users_fixture.py; jhdf cannot write a zero-row dataset)
        Path file = Path.of(Eccv16FileH5pyTest.class.getResource("no_users_fixture.h5").toURI());
        try (Eccv16File f = Eccv16File.open(file)) {
            sspvs.UserException e = org.junit.jupiter.api.Assertions.assertThrows(sspvs.UserException.class,
                    () -> f.read("video_1"));
            assertTrue(e.getMessage().contains("'user_summary'") && e.getMessage().contains("has no users")
                    && !e.getMessage().contains("numeric"), e.getMessage());
        }
    }
}
