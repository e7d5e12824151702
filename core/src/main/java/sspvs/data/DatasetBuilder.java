package sspvs.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import sspvs.UserException;

/**
 * Turns raw annotations ({@link AnnotatedVideo}) into eccv16-layout {@link VideoRecord}s, the way the public files
 * were made, so that users can rebuild or extend a data set:
 *
 * <ol>
 *   <li>picks: every 15th frame (0, 15, 30, …: 2 fps at 30 fps);
 *   <li>shots ({@code change_points}): from a given map (e.g. the public KTS shots) or fixed-length segments of
 *       {@code segmentSeconds} at the video's fps; {@code n_frame_per_seg} = end − start + 1;
 *   <li>{@code user_scores}: the annotations as given; {@code user_summary}: the annotations' own (SumMe) or, where
 *       there are none (TVSum), each user's knapsack summary: shots valued by the mean of that user's scores,
 *       15% of the frames ({@link SummaryMaker});
 *   <li>{@code gtscore}: the mean user score at each pick, min-max normalised to [0, 1] within the video when the
 *       scores are ratings (TVSum, 1..5) and left as the fraction of users when they are 0/1 selections (SumMe,
 *       = the public {@code gt_score}). The training loss min-max normalises gtscore again, so the choice only
 *       matters for reading the file;
 *   <li>{@code gtsummary}: the 15% knapsack summary of the mean user score, read at the picks;
 *   <li>{@code features}: from a {@link FeatureSource}.
 * </ol>
 *
 * <p>Build with {@link #builder()}: {@code setFeatures} is required, the rest optional.
 */
public final class DatasetBuilder {
    public static final int SUBSAMPLE = 15;
    public static final double SUMMARY_PROPORTION = 0.15;
    public static final double DEFAULT_SEGMENT_SECONDS = 2.0;

    private final FeatureSource features;
    private final Map<String, int[][]> shots;
    private final double segmentSeconds;
    private final SummaryMaker summaryMaker;
    private final String evalMetric;
    private final List<String> notes = new ArrayList<>();

    private DatasetBuilder(Builder b) {
        this.features = Objects.requireNonNull(b.features, "setFeatures is required");
        this.shots = b.shots;
        this.segmentSeconds = b.segmentSeconds;
        this.summaryMaker = b.summaryMaker;
        this.evalMetric = b.evalMetric;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds every video and writes them atomically to {@code out}; returns the records. */
    public List<VideoRecord> write(List<AnnotatedVideo> videos, Path out) {
        List<VideoRecord> records = new ArrayList<>(videos.size());
        for (AnnotatedVideo v : videos) {
            records.add(build(v));
        }
        Eccv16Writer.write(out, records, evalMetric);
        return records;
    }

    /** Adjustments made while building (shots clipped or extended to the video), one line each. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Builds one video. */
    public VideoRecord build(AnnotatedVideo v) {
        int n = v.nFrames();
        int[] picks = picks(n);
        int[][] cps = shotsFor(v);
        int[] nfps = Shots.lengths(cps);
        int budget = (int) Math.floor(n * SUMMARY_PROPORTION);

        float[][] userSummary = v.userSummary();
        if (userSummary == null) {
            userSummary = new float[v.users()][];
            for (int u = 0; u < v.users(); u++) {
                userSummary[u] = summary(v.userScores()[u], cps, nfps, budget);
            }
        }
        float[] mean = v.meanUserScore();
        float[] gtscore = new float[picks.length];
        for (int t = 0; t < picks.length; t++) gtscore[t] = mean[picks[t]];
        if (!isBinary(v.userScores())) {
            minMax(gtscore);
        }
        float[] frameSummary = summary(mean, cps, nfps, budget);
        float[] gtsummary = new float[picks.length];
        for (int t = 0; t < picks.length; t++) gtsummary[t] = frameSummary[picks[t]];

        float[][] feats = features.features(v, picks, gtscore);
        if (feats.length != picks.length) {
            throw new IllegalStateException("feature source gave " + feats.length + " rows for " + picks.length + " picks");
        }
        return new VideoRecord(v.key(), v.name(), feats, gtscore, gtsummary, userSummary, v.userScores(), cps, nfps, n,
                picks);
    }

    /** 0, 15, 30, … below {@code nFrames}. */
    public static int[] picks(int nFrames) {
        int[] picks = new int[(nFrames + SUBSAMPLE - 1) / SUBSAMPLE];
        for (int i = 0; i < picks.length; i++) picks[i] = i * SUBSAMPLE;
        return picks;
    }

    private int[][] shotsFor(AnnotatedVideo v) {
        int n = v.nFrames();
        if (shots == null) {
            return Shots.fixedLength(n, Math.max(1, (int) Math.round(segmentSeconds * v.fps())));
        }
        int[][] given = shots.get(v.key());
        if (given == null) {
            throw new UserException("the shots file has no change points for " + v.key() + " (" + v.name() + ")");
        }
        // releases disagree on n_frames by a frame for some videos: fit the last shot to this video's length
        List<int[]> fitted = new ArrayList<>();
        for (int[] cp : given) {
            if (cp[0] < n) fitted.add(new int[] {cp[0], Math.min(cp[1], n - 1)});
        }
        if (fitted.isEmpty()) {
            throw new UserException("the shots for " + v.key() + " all start after its last frame " + (n - 1));
        }
        int[] last = fitted.get(fitted.size() - 1);
        if (last[1] != given[given.length - 1][1] || fitted.size() != given.length || last[1] < n - 1) {
            notes.add(v.key() + ": shots ended at frame " + given[given.length - 1][1] + ", fitted to " + n + " frames");
            last[1] = n - 1;
        }
        int[][] cps = fitted.toArray(new int[0][]);
        Shots.check(cps, n, "shots of " + v.key());
        return cps;
    }

    /** A 0/1 per-frame summary: the knapsack choice of shots valued by the mean of {@code frameScores}. */
    private float[] summary(float[] frameScores, int[][] cps, int[] nfps, int budget) {
        double[] values = new double[cps.length];
        for (int s = 0; s < cps.length; s++) {
            double sum = 0;
            for (int f = cps[s][0]; f <= cps[s][1]; f++) sum += frameScores[f];
            values[s] = sum / nfps[s];
        }
        float[] out = new float[frameScores.length];
        for (int s : summaryMaker.select(values, nfps, budget)) {
            java.util.Arrays.fill(out, cps[s][0], cps[s][1] + 1, 1f);
        }
        return out;
    }

    private static boolean isBinary(float[][] m) {
        for (float[] row : m) {
            for (float x : row) {
                if (x != 0f && x != 1f) return false;
            }
        }
        return true;
    }

    private static void minMax(float[] x) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float range = hi - lo;
        for (int i = 0; i < x.length; i++) x[i] = range > 0 ? (x[i] - lo) / range : 0f;
    }

    /** Options for {@link DatasetBuilder}; {@code setFeatures} is required. */
    public static final class Builder {
        private FeatureSource features;
        private Map<String, int[][]> shots;
        private double segmentSeconds = DEFAULT_SEGMENT_SECONDS;
        private SummaryMaker summaryMaker = SummaryMaker.exactKnapsack();
        private String evalMetric;

        public Builder setFeatures(FeatureSource features) {
            this.features = features;
            return this;
        }

        /** Change points per video key (e.g. from {@link Shots#read}); default: fixed-length segments. */
        public Builder optShots(Map<String, int[][]> shots) {
            this.shots = shots;
            return this;
        }

        public Builder optSegmentSeconds(double seconds) {
            if (!(seconds > 0)) {
                throw new UserException("segment length must be positive seconds: " + seconds);
            }
            this.segmentSeconds = seconds;
            return this;
        }

        public Builder optSummaryMaker(SummaryMaker maker) {
            this.summaryMaker = Objects.requireNonNull(maker);
            return this;
        }

        /**
         * How the file's F-scores over users combine ({@code avg} for ratings like TVSum's, {@code max} for
         * selections like SumMe's), written as the file's {@code eval_metric} attribute; default: none, and
         * evaluation then asks for {@code --metric}.
         */
        public Builder optEvalMetric(String metric) {
            if (metric != null && !metric.equals("avg") && !metric.equals("max")) {
                throw new IllegalArgumentException("eval metric must be avg or max, got " + metric);
            }
            this.evalMetric = metric;
            return this;
        }

        public DatasetBuilder build() {
            return new DatasetBuilder(this);
        }
    }
}
