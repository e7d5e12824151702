package sspvs.summarize;

/** The steps of summarising one video, in the order they run. */
public enum Stage {
    /** Decoding 2 samples per second and turning them into features (both at once), or reading a features file. */
    DECODE_AND_FEATURES("decode + features"),
    /** Kernel temporal segmentation of the features into shots. */
    SHOTS("shots"),
    /** The progressive summarizer's scores, then the knapsack's choice of shots. */
    SCORES("scores"),
    /** Cutting the chosen shots, with their sound, into summary.mp4. */
    SUMMARY_VIDEO("summary video"),
    /** shots.csv, summary.json, features.h5 and report.html, then the move into the output folder. */
    OUTPUTS("outputs");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    /** A short human name, e.g. "decode + features". */
    public String label() {
        return label;
    }
}
