package sspvs.data;

import java.util.List;
import sspvs.text.VideoTextInfo;

/**
 * Videos with their text, by id: what self-supervised pre-training reads ({@link YtvtDirectory} on disk, or
 * anything in memory).
 */
public interface VideoTextSource {
    /** The video's frame features [T][d]. */
    float[][] features(String video);

    /** The video's tokenised text. */
    VideoTextInfo text(String video);

    /** The training video ids (before repetition). */
    List<String> trainIds();

    /** The validation video ids. */
    List<String> valIds();
}
