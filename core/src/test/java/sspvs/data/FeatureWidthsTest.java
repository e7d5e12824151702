package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sspvs.UserException;

class FeatureWidthsTest {
    @Test
    void videosOfOneWidthGiveThatWidth() {
        Map<String, VideoRecord> videos = new LinkedHashMap<>();
        videos.put("video_1", TestRecords.valid("video_1", 3, 8, 1));
        videos.put("video_2", TestRecords.valid("video_2", 3, 8, 2));
        assertEquals(8, FeatureWidths.common(videos));
    }

    @Test
    void theOddVideoOutIsNamedWithItsWidthEvenWhenItComesFirst() {
        Map<String, VideoRecord> videos = new LinkedHashMap<>();
        videos.put("video_1", TestRecords.valid("video_1", 3, 4, 1));
        for (int i = 2; i <= 4; i++) {
            videos.put("video_" + i, TestRecords.valid("video_" + i, 3, 8, i));
        }
        UserException e = assertThrows(UserException.class, () -> FeatureWidths.common(videos));
        assertEquals("the videos' features differ in width: 8-d in 3 videos (video_2, video_3, video_4), 4-d in 1 "
                + "video (video_1); one run needs one feature extractor", e.getMessage());
    }
}
