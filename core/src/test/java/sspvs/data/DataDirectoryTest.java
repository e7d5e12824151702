package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.SharedData;
import sspvs.UserException;

class DataDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void prefixesMapToTheReferenceFileNames() {
        try (DataDirectory data = DataDirectory.of(dir, "tvsum")) {
            assertEquals(dir.resolve("tvsum.h5"), data.fileFor("video_3"));
            assertEquals(dir.resolve("tvsum.h5"), data.fileFor("eccv16_dataset_tvsum_google_pool5/video_3"));
            assertEquals(dir.resolve("summe.h5"), data.fileFor("eccv16_dataset_summe_google_pool5/video_3"));
            assertEquals(dir.resolve("eccv16_dataset_ovp_google_pool5.h5"),
                    data.fileFor("eccv16_dataset_ovp_google_pool5/video_3"));
            assertEquals(dir.resolve("eccv16_dataset_youtube_google_pool5.h5"),
                    data.fileFor("eccv16_dataset_youtube_google_pool5/video_11"));
        }
    }

    @Test
    void zhousSummeFileStandsInWhenSummeH5IsAbsent() {
        Path zhou = dir.resolve("eccv16_dataset_summe_google_pool5.h5");
        Eccv16Writer.write(zhou, List.of(TestRecords.valid("video_2", 3, 4, 1)));
        try (DataDirectory data = DataDirectory.of(dir, "summe")) {
            assertEquals(zhou, data.fileFor("video_2"));
            assertEquals("video_2", data.read("eccv16_dataset_summe_google_pool5/video_2").key());
        }
        Eccv16Writer.write(dir.resolve("summe.h5"), List.of(TestRecords.valid("video_2", 3, 4, 1)));
        try (DataDirectory data = DataDirectory.of(dir, "summe")) {
            assertEquals(dir.resolve("summe.h5"), data.fileFor("video_2"));
        }
    }

    @Test
    void readsVideosAcrossFiles() {
        Eccv16Writer.write(dir.resolve("tvsum.h5"), List.of(TestRecords.valid("video_1", 3, 4, 1)));
        Eccv16Writer.write(dir.resolve("eccv16_dataset_ovp_google_pool5.h5"),
                List.of(TestRecords.valid("video_9", 5, 4, 2)));
        try (DataDirectory data = DataDirectory.of(dir, "tvsum")) {
            assertEquals(3, data.read("video_1").steps());
            assertEquals(5, data.read("eccv16_dataset_ovp_google_pool5/video_9").steps());
            assertEquals(3, data.read("eccv16_dataset_tvsum_google_pool5/video_1").steps());
        }
    }

    @Test
    void missingFilesAreListedWithWhereToGetThem() {
        Path splits = SharedData.require("splits/tvsum_aug_splits.json");
        Eccv16Writer.write(dir.resolve("tvsum.h5"), List.of(TestRecords.valid("video_1", 3, 4, 1)));
        try (DataDirectory data = DataDirectory.forSplitFile(dir, splits)) {
            UserException e = assertThrows(UserException.class, () -> data.requireAll(splits, SplitFile.load(splits)));
            String m = e.getMessage();
            assertTrue(m.contains("summe.h5") && m.contains("eccv16_dataset_ovp_google_pool5.h5")
                    && m.contains("eccv16_dataset_youtube_google_pool5.h5"), m);
            assertTrue(m.contains("figshare") && m.contains("KaiyangZhou"), m);
            assertTrue(!m.contains("  tvsum.h5"), "tvsum.h5 is present: " + m);
        }
    }

    @Test
    void missingVideosInPresentFilesAreListed() {
        Path splits = SharedData.require("splits/summe_splits.json");
        Eccv16Writer.write(dir.resolve("summe.h5"), List.of(TestRecords.valid("video_1", 3, 4, 1)));
        try (DataDirectory data = DataDirectory.forSplitFile(dir, splits)) {
            UserException e = assertThrows(UserException.class, () -> data.requireAll(splits, SplitFile.load(splits)));
            assertTrue(e.getMessage().contains("summe.h5 lacks 24 of its 25 videos"), e.getMessage());
        }
    }

    @Test
    void plainKeysNeedACanonicalSet() {
        try (DataDirectory data = DataDirectory.of(dir, null)) {
            UserException e = assertThrows(UserException.class, () -> data.fileFor("video_1"));
            assertTrue(e.getMessage().contains("canonical"), e.getMessage());
        }
    }

    @Test
    void aSingleFileResolvesPlainKeys() {
        Path mine = dir.resolve("mine.h5");
        Eccv16Writer.write(mine, List.of(TestRecords.valid("video_4", 3, 4, 1)));
        try (DataDirectory data = DataDirectory.ofFile(mine)) {
            data.requireKeys("test", List.of("video_4"));
            assertEquals("video_4", data.read("video_4").key());
        }
    }
}
