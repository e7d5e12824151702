package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sspvs.SharedData;
import sspvs.UserException;

class SplitFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "tvsum_splits.json, 5, 40, 10",
        "summe_splits.json, 5, 20, 5",
        "tvsum_aug_splits.json, 5, 154, 10",
        "summe_aug_splits.json, 5, 159, 5",
        "tvsum_trans_splits.json, 1, 114, 50",
        "summe_trans_splits.json, 1, 139, 25",
    })
    void authorsSplitFilesHaveTheDocumentedSizes(String name, int splits, int train, int test) {
        List<Split> loaded = SplitFile.load(SharedData.require("splits/" + name));
        assertEquals(splits, loaded.size());
        for (Split s : loaded) {
            assertEquals(train, s.trainKeys().size(), name);
            assertEquals(test, s.testKeys().size(), name);
        }
    }

    @Test
    void canonicalTvsumSplitsAreAFiveFoldPartition() {
        List<Split> splits = SplitFile.load(SharedData.require("splits/tvsum_splits.json"));
        Set<String> tested = new HashSet<>();
        for (Split s : splits) {
            for (String k : s.testKeys()) assertTrue(tested.add(k), "test sets overlap at " + k);
            assertNull(SplitKey.parse(s.trainKeys().get(0), "t").set());
        }
        assertEquals(50, tested.size());
    }

    @Test
    void augmentedSplitsMixFourDataSets() {
        Split s = SplitFile.load(SharedData.require("splits/tvsum_aug_splits.json")).get(0);
        Map<String, Integer> perSet = new TreeMap<>();
        s.trainKeys().forEach(k -> perSet.merge(SplitKey.parse(k, "t").set(), 1, Integer::sum));
        assertEquals(Map.of("ovp", 50, "summe", 25, "tvsum", 40, "youtube", 39), perSet);
    }

    @Test
    void malformedFilesAreUserErrorsNamingTheFileAndSplit() throws IOException {
        assertError("not json", "not valid JSON");
        assertError("{}", "JSON array");
        assertError("[{\"train_keys\": [\"video_1\"]}]", "'test_keys' is missing");
        assertError("[{\"train_keys\": [\"video_1\"], \"test_keys\": [\"video_2\"]}, {\"train_keys\": [\"clip_1\"],"
                + " \"test_keys\": [\"video_2\"]}]", "split 1");
        assertError("[{\"train_keys\": [\"video_1\"], \"test_keys\": [\"video_1\"]}]", "both train_keys and test_keys");
        assertError("[{\"train_keys\": [\"video_1\", \"video_1\"], \"test_keys\": [\"video_2\"]}]", "twice");
        assertError("[{\"train_keys\": [\"video_1\"], \"test_keys\": [\"video_2\"], \"val_keys\": []}]",
                "unknown member 'val_keys'");
        assertError("[{\"train_keys\": [3], \"test_keys\": [\"video_2\"]}]", "not a string");
        UserException missing = assertThrows(UserException.class, () -> SplitFile.load(dir.resolve("none.json")));
        assertTrue(missing.getMessage().contains("none.json"));
    }

    @Test
    void keyFormsAreParsed() {
        assertEquals(new SplitKey(null, "video_7"), SplitKey.parse("video_7", "x"));
        assertEquals(new SplitKey("youtube", "video_11"),
                SplitKey.parse("eccv16_dataset_youtube_google_pool5/video_11", "x"));
        assertThrows(UserException.class, () -> SplitKey.parse("tvsum/video_1", "x"));
    }

    private void assertError(String json, String expected) throws IOException {
        Path file = Files.writeString(dir.resolve("s" + Math.abs(json.hashCode()) + ".json"), json);
        UserException e = assertThrows(UserException.class, () -> SplitFile.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
