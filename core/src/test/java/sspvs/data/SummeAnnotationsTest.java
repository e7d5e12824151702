package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import sspvs.SharedData;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummeAnnotationsTest {
    private List<AnnotatedVideo> videos;

    @BeforeAll
    void readOnce() {
        videos = SummeAnnotations.read(SharedData.require("summe"), 0);
    }

    @Test
    void twentyFiveVideosInAsciiOrder() {
        assertEquals(25, videos.size());
        assertEquals("Air_Force_One", videos.get(0).name());
        assertEquals("video_1", videos.get(0).key());
        assertEquals("Base jumping", videos.get(1).name());
        assertEquals("Valparaiso_Downhill", videos.get(21).name());
        assertEquals("car_over_camera", videos.get(22).name());
        assertEquals("playing_ball", videos.get(24).name());
        assertEquals("video_25", videos.get(24).key());
    }

    @Test
    void userCountsMatchTheRelease() {
        Map<String, Integer> special = Map.of("Base jumping", 18, "Cooking", 17, "Paintball", 17, "Scuba", 17,
                "St Maarten Landing", 17, "Statue of Liberty", 17, "Car_railcrossing", 16, "playing_ball", 16);
        for (AnnotatedVideo v : videos) {
            assertEquals(special.getOrDefault(v.name(), 15), v.users(), v.name());
            assertEquals(v.nFrames(), v.userScores()[0].length);
        }
    }

    @Test
    void segmentIndicesAreBinarisedForScoresAndSummaries() throws Exception {
        Path file = SharedData.require("summe/GT/Air_Force_One.mat");
        AnnotatedVideo v = videos.get(0);
        boolean sawSegmentIndexAboveOne = false;
        try (MatFile mat = Mat5.readFromFile(file.toFile())) {
            Matrix raw = mat.getMatrix("user_score");
            Matrix gt = mat.getMatrix("gt_score");
            for (int f = 0; f < v.nFrames(); f++) {
                double selected = 0;
                for (int u = 0; u < v.users(); u++) {
                    double k = raw.getDouble(f, u);
                    sawSegmentIndexAboveOne |= k > 1;
                    assertEquals(k > 0 ? 1f : 0f, v.userScores()[u][f]);
                    selected += v.userScores()[u][f];
                }
                assertEquals(gt.getDouble(f, 0), selected / v.users(), 1e-6, "gt_score is the fraction selecting");
            }
        }
        assertTrue(sawSegmentIndexAboveOne, "the raw file holds segment indices, not 0/1");
        assertArrayEquals(v.userScores(), v.userSummary());
    }

    @Test
    void frameRatesComeFromTheFiles() {
        assertEquals(25.0, videos.get(0).fps(), 1e-9);
        for (AnnotatedVideo v : videos) {
            assertTrue(v.fps() >= 15 && v.fps() <= 30, v.name() + " " + v.fps());
        }
    }
}
