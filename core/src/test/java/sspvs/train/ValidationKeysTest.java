package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import sspvs.UserException;
import sspvs.data.Split;

class ValidationKeysTest {
    private static List<String> keys(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(prefix + "video_" + i);
        }
        return out;
    }

    @Test
    void holdsOutASeededFifthOfTheTrainingKeys() {
        Split split = new Split(keys("", 1, 40), keys("", 41, 50));
        ValidationKeys a = ValidationKeys.carve(split, 12345, 0);
        assertEquals(8, a.validation().size());
        assertEquals(32, a.train().size());
        HashSet<String> all = new HashSet<>(a.train());
        all.addAll(a.validation());
        assertEquals(new HashSet<>(split.trainKeys()), all, "a partition of the training keys");
        assertEquals(a, ValidationKeys.carve(split, 12345, 0), "same seed and split, same keys");
        assertNotEquals(a.validation(), ValidationKeys.carve(split, 12345, 1).validation(), "each split its own");
        assertEquals(split.trainKeys().stream().filter(a.validation()::contains).toList(), a.validation(),
                "in the split file's order");
    }

    @Test
    void augmentedSplitsValidateOnTheTargetDataSet() {
        String tvsum = "eccv16_dataset_tvsum_google_pool5/";
        List<String> train = new ArrayList<>(keys("eccv16_dataset_summe_google_pool5/", 1, 25));
        train.addAll(keys(tvsum, 1, 40));
        train.addAll(keys("eccv16_dataset_ovp_google_pool5/", 1, 50));
        ValidationKeys v = ValidationKeys.carve(new Split(train, keys(tvsum, 41, 50)), 1, 0);
        assertEquals(8, v.validation().size());
        assertTrue(v.validation().stream().allMatch(k -> k.startsWith(tvsum)), v.validation().toString());
    }

    @Test
    void transferSplitsWithoutTargetVideosValidateOnAnyTrainingKeys() {
        List<String> train = new ArrayList<>(keys("eccv16_dataset_summe_google_pool5/", 1, 25));
        train.addAll(keys("eccv16_dataset_youtube_google_pool5/", 1, 5));
        ValidationKeys v = ValidationKeys.carve(
                new Split(train, keys("eccv16_dataset_tvsum_google_pool5/", 1, 50)), 1, 0);
        assertEquals(6, v.validation().size());
        assertEquals(24, v.train().size());
    }

    @Test
    void theAuthorsSplitFilesCarveAsDocumented() {
        for (String name : new String[] {"tvsum_splits.json", "tvsum_aug_splits.json", "summe_aug_splits.json",
            "tvsum_trans_splits.json"}) {
            List<Split> splits = sspvs.data.SplitFile.load(sspvs.SharedData.require("splits/" + name));
            for (int k = 0; k < splits.size(); k++) {
                Split split = splits.get(k);
                ValidationKeys v = ValidationKeys.carve(split, 12345, k);
                String target = split.testKeys().get(0).contains("/")
                        ? split.testKeys().get(0).substring(0, split.testKeys().get(0).indexOf('/') + 1) : "";
                long targetTrain = split.trainKeys().stream().filter(key -> target.isEmpty()
                        ? !key.contains("/") : key.startsWith(target)).count();
                if (targetTrain >= 2) {
                    assertTrue(v.validation().stream().allMatch(key -> target.isEmpty() || key.startsWith(target)),
                            name + " split " + k);
                    assertEquals(Math.round(targetTrain * 0.2), v.validation().size(), name + " split " + k);
                } else {
                    assertEquals(Math.round(split.trainKeys().size() * 0.2), v.validation().size(), name);
                }
                assertEquals(split.trainKeys().size(), v.train().size() + v.validation().size());
            }
        }
    }

    @Test
    void keepsAtLeastOneVideoOnEachSide() {
        ValidationKeys v = ValidationKeys.carve(new Split(keys("", 1, 2), keys("", 3, 4)), 1, 0);
        assertEquals(1, v.validation().size());
        assertEquals(1, v.train().size());
        assertThrows(UserException.class, () -> ValidationKeys.carve(new Split(keys("", 1, 1), keys("", 2, 3)), 1, 0));
    }
}
