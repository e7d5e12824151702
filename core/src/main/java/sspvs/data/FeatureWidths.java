package sspvs.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;

/** The one feature width a set of videos must share (one run, one feature extractor). */
public final class FeatureWidths {
    private FeatureWidths() {}

    /**
     * The width every video's features have; where they differ, an error that lists each width with its videos,
     * the most common first, so the odd ones out are named whichever video came first.
     */
    public static int common(Map<String, VideoRecord> videos) {
        Map<Integer, List<String>> byWidth = new LinkedHashMap<>();
        for (Map.Entry<String, VideoRecord> e : videos.entrySet()) {
            float[][] f = e.getValue().features();
            int w = f.length == 0 ? 0 : f[0].length;
            byWidth.computeIfAbsent(w, k -> new ArrayList<>()).add(e.getKey());
        }
        if (byWidth.size() <= 1) {
            return byWidth.isEmpty() ? -1 : byWidth.keySet().iterator().next();
        }
        List<Map.Entry<Integer, List<String>>> widths = new ArrayList<>(byWidth.entrySet());
        widths.sort(Comparator.comparingInt((Map.Entry<Integer, List<String>> e) -> -e.getValue().size()));
        StringBuilder b = new StringBuilder("the videos' features differ in width: ");
        for (int i = 0; i < widths.size(); i++) {
            List<String> keys = widths.get(i).getValue();
            b.append(i == 0 ? "" : ", ").append(widths.get(i).getKey()).append("-d in ").append(keys.size())
                    .append(keys.size() == 1 ? " video (" : " videos (").append(VideoKeys.abbreviate(keys))
                    .append(")");
        }
        throw new UserException(b.append("; one run needs one feature extractor").toString());
    }
}
