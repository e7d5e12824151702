package sspvs.data;

import java.util.List;

/**
 * One train/test split of a split file: keys as the file spells them, either canonical {@code video_N} (resolved
 * against one data file) or prefixed {@code eccv16_dataset_<set>_google_pool5/video_N} (the prefix names the file).
 */
public record Split(List<String> trainKeys, List<String> testKeys) {
    public Split {
        trainKeys = List.copyOf(trainKeys);
        testKeys = List.copyOf(testKeys);
    }
}
