package sspvs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import sspvs.UserException;

/**
 * YTVT's text per video, from the SSPVS repository's {@code info_preprocessed.json}: an object
 * {@code {youtube_id: {category, query, title, description}}}, already lower-cased and lemmatised by
 * the authors. Each entry becomes a {@link VideoText} keyed by its YouTube id.
 */
public final class YtvtText {
    private static final String[] FIELDS = {"category", "query", "title", "description"};

    private YtvtText() {}

    /** Every entry, in file order. */
    public static List<VideoText> readInfoJson(Path infoJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(infoJson.toFile());
        } catch (IOException e) {
            throw new UserException("cannot read YTVT text " + infoJson + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserException("YTVT text " + infoJson + " must be a JSON object {youtube_id: {...}}");
        }
        List<VideoText> texts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = root.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> e = entries.next();
            String[] values = new String[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                JsonNode v = e.getValue().get(FIELDS[i]);
                if (v == null || !v.isTextual()) {
                    throw new UserException("YTVT text " + infoJson + ", video " + e.getKey() + ": field '"
                            + FIELDS[i] + "' missing or not a string");
                }
                values[i] = v.asText();
            }
            texts.add(new VideoText(e.getKey(), values[0], values[1], values[2], values[3]));
        }
        return texts;
    }
}
