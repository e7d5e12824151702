package sspvs.data;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sspvs.UserException;

/**
 * A key as a split file writes it: {@code video_N} (no prefix: the canonical data file) or
 * {@code eccv16_dataset_<set>_google_pool5/video_N} (the set names the file in a {@link DataDirectory}).
 *
 * @param set the data set named by the prefix ({@code tvsum}, {@code summe}, {@code ovp}, {@code youtube}, …), or
 *     null for a canonical key
 * @param videoKey the group inside the file, e.g. {@code video_7}
 */
public record SplitKey(String set, String videoKey) {
    private static final Pattern FORM =
            Pattern.compile("^(?:eccv16_dataset_([A-Za-z0-9]+)_google_pool5/)?(video_\\d+)$");

    /** Parses {@code key}; {@code where} prefixes the error message. */
    public static SplitKey parse(String key, String where) {
        Matcher m = FORM.matcher(key);
        if (!m.matches()) {
            throw new UserException(where + ": key '" + key
                    + "' is neither video_N nor eccv16_dataset_<set>_google_pool5/video_N");
        }
        return new SplitKey(m.group(1), m.group(2));
    }

    public boolean canonical() {
        return set == null;
    }
}
