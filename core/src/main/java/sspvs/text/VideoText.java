package sspvs.text;

import java.util.Objects;

/**
 * The raw text of one video, before tokenisation: category, search query, title and (YTVT only)
 * description. {@code description} is null where a data set has none (TVSum, SumMe).
 *
 * @param video the key the per-video file is named after ({@code video_3}, a YouTube id, ...)
 */
public record VideoText(String video, String category, String query, String title, String description) {
    public VideoText {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(title, "title");
    }

    /** Text without a description (TVSum, SumMe). */
    public VideoText(String video, String category, String query, String title) {
        this(video, category, query, title, null);
    }
}
