package sspvs.data;

import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for {@code video_N} keys: natural order and short listings for error messages. */
public final class VideoKeys {
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");

    private VideoKeys() {}

    /** Orders by the text before a trailing number, then by that number: video_2 before video_10. */
    public static final Comparator<String> NATURAL_ORDER = (a, b) -> {
        Matcher ma = TRAILING_NUMBER.matcher(a);
        Matcher mb = TRAILING_NUMBER.matcher(b);
        if (ma.matches() && mb.matches()) {
            int c = ma.group(1).compareTo(mb.group(1));
            if (c != 0) {
                return c;
            }
            c = new java.math.BigInteger(ma.group(2)).compareTo(new java.math.BigInteger(mb.group(2)));
            if (c != 0) {
                return c;
            }
        }
        return a.compareTo(b);
    };

    /** The canonical key of the video at 1-based position {@code index}. */
    public static String key(int index) {
        return "video_" + index;
    }

    /** At most five keys then "…", for messages. */
    static String abbreviate(List<String> keys) {
        if (keys.size() <= 5) {
            return String.join(", ", keys);
        }
        return String.join(", ", keys.subList(0, 5)) + ", … " + keys.get(keys.size() - 1);
    }
}
