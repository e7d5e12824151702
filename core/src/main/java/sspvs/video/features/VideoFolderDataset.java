package sspvs.video.features;

import sspvs.data.Shots;

import sspvs.shots.KernelTemporalSegmentation;
import sspvs.video.decode.VideoDecoder;
import sspvs.video.decode.VideoInfo;
import sspvs.video.decode.VideoSampling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import sspvs.UserException;
import sspvs.data.AnnotatedVideo;
import sspvs.data.DatasetBuilder;
import sspvs.data.VideoRecord;

/**
 * Turns a folder of video files into one HDF5 file with the same pipeline as {@code sspvs summarize}: decode,
 * features, KTS shots. Videos are taken in file-name order as {@code video_1 .. video_N} ({@code video_name} =
 * the file name without extension).
 *
 * <p><b>Sampling:</b> every 15th decoded frame ({@link VideoDecoder#frameStride(int)}), the eccv16 files' own
 * {@code picks}, because human annotations are per frame and {@link DatasetBuilder} reads them at those picks
 * (at 30 fps this equals 2 samples per second).
 *
 * <p><b>Annotations</b> (optional): a folder with one {@code <video name>.csv} per video, one line per user,
 * each line that user's per-frame scores (comma-separated, one value per decoded frame; TVSum-style 1..5 ratings
 * or SumMe-style 0/1 selections). With them the output is a full eccv16 file ({@link DatasetBuilder}: gtscore,
 * gtsummary, user_summary by knapsack, user_scores; shots = the KTS shots) that training and evaluation read.
 * Without them there are zero users, which an eccv16 file cannot hold ({@code user_summary} must have a row per
 * user and HDF5 writers here cannot store an empty one); the output is then the annotation-free layout of
 * {@link FeatureFile} for every video (features, picks, n_frames, change_points, n_frame_per_seg, video_name):
 * h5py and {@code sspvs dataset build --features} read it, e.g. to add annotations later.
 */
public final class VideoFolderDataset {
    /** File extensions taken as videos. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg",
            "mpeg", "flv", "wmv", "ts", "3gp");

    private final FeatureExtractor extractor;
    private final String extractorName;
    private final String extractorSha256;
    private final int[] inputSizeOrNull;
    private DecodeProgress progress = (file, done, total) -> { };
    private String evalMetric;

    public VideoFolderDataset(FeatureExtractor extractor, String extractorName, String extractorSha256,
            int[] inputSizeOrNull) {
        this.extractor = extractor;
        this.extractorName = extractorName;
        this.extractorSha256 = extractorSha256;
        this.inputSizeOrNull = inputSizeOrNull;
    }

    /** Hears how far each video's decoding is, video by video. */
    @FunctionalInterface
    public interface DecodeProgress {
        /** {@code done} of {@code total} frames of {@code file} read ({@code total} -1 when unknown). */
        void framesRead(Path file, long done, long total);

        /** {@code file} is decoded. */
        default void finished(Path file) {}
    }

    /** Where decoding progress goes (default: nowhere; this class never prints). */
    public VideoFolderDataset progress(DecodeProgress value) {
        this.progress = java.util.Objects.requireNonNull(value, "progress");
        return this;
    }

    /** The annotations' metric (avg or max), written as the file's eval_metric attribute; default: none. */
    public VideoFolderDataset evalMetric(String value) {
        this.evalMetric = value;
        return this;
    }

    /** What was built: the videos' features and shots, and the eccv16 records when there were annotations. */
    public record Built(List<VideoFeatures> videos, List<Shots> shots, List<VideoRecord> recordsOrNull) {}

    /** The video files of {@code dir}, in name order. */
    public static List<Path> videosIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserException(dir + ": not a folder of videos");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> videos = files.filter(Files::isRegularFile)
                    .filter(p -> VIDEO_EXTENSIONS.contains(extension(p)))
                    .sorted().toList();
            if (videos.isEmpty()) {
                throw new UserException(dir + ": no video files (looked for ." + String.join(", .",
                        VIDEO_EXTENSIONS.stream().sorted().toList()) + ")");
            }
            return videos;
        } catch (IOException e) {
            throw new UserException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
    }

    /** Builds every video of {@code videoDir} and writes {@code out} atomically. */
    public Built build(Path videoDir, Path annotationsDirOrNull, Path out) {
        List<Path> files = videosIn(videoDir);
        List<VideoFeatures> videos = new ArrayList<>();
        List<Shots> shots = new ArrayList<>();
        for (Path file : files) {
            VideoInfo info = VideoDecoder.probe(file);
            VideoDecoder decoder = new VideoDecoder().frameStride(DatasetBuilder.SUBSAMPLE)
                    .progress((done, total) -> progress.framesRead(file, done, total));
            if (inputSizeOrNull != null) {
                decoder.outputSize(inputSizeOrNull[0], inputSizeOrNull[1]);
            } else {
                decoder.outputSize(160, Math.max(2, 160 * info.displayHeight() / Math.max(1, info.displayWidth())));
            }
            VideoFeaturePipeline.Result r = new VideoFeaturePipeline(decoder, extractor, 0).run(file);
            progress.finished(file);
            VideoSampling s = r.sampling();
            if (s.steps() < 2) {
                throw new UserException(file + ": too short for a data set (" + s.frameCount() + " frames, "
                        + s.steps() + " sampled step)");
            }
            VideoFeatures f = new VideoFeatures(stem(file), sspvs.io.Sha256.of(file), r.features(), s.picks(),
                    s.sampleTimes(), s.frameCount(), info.fps(), extractorName, extractorSha256);
            videos.add(f);
            shots.add(new KernelTemporalSegmentation().segment(f.features()).toShots(f.picks(),
                    f.nFrames()));
        }
        if (annotationsDirOrNull == null) {
            FeatureFile.writeAll(out, videos, shots);
            return new Built(videos, shots, null);
        }
        List<AnnotatedVideo> annotated = new ArrayList<>();
        Map<String, int[][]> shotMap = new HashMap<>();
        Map<String, float[][]> featureMap = new HashMap<>();
        for (int i = 0; i < videos.size(); i++) {
            VideoFeatures f = videos.get(i);
            String key = "video_" + (i + 1);
            Path csv = annotationsDirOrNull.resolve(f.videoName() + ".csv");
            annotated.add(new AnnotatedVideo(key, f.videoName(), "", "", f.nFrames(), f.fps(),
                    readScores(csv, f.nFrames()), null));
            shotMap.put(key, shots.get(i).changePoints());
            featureMap.put(key, f.features());
        }
        DatasetBuilder builder = DatasetBuilder.builder().optShots(shotMap).optEvalMetric(evalMetric)
                .setFeatures((video, picks, gtscore) -> {
                    float[][] rows = featureMap.get(video.key());
                    if (rows.length != picks.length) {
                        throw new IllegalStateException(video.key() + ": " + rows.length + " feature rows for "
                                + picks.length + " picks");
                    }
                    return rows;
                })
                .build();
        List<VideoRecord> records = builder.write(annotated, out);
        return new Built(videos, shots, records);
    }

    /** One user per line, one score per frame. */
    static float[][] readScores(Path csv, int nFrames) {
        if (!Files.isRegularFile(csv)) {
            throw new UserException(csv + ": annotation file not found (one <video name>.csv per video: a line "
                    + "per user, one score per frame)");
        }
        List<float[]> users = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv);
            for (int l = 0; l < lines.size(); l++) {
                String line = lines.get(l).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split("\\s*,\\s*");
                if (parts.length != nFrames) {
                    throw new UserException(csv + ": line " + (l + 1) + " has " + parts.length + " scores, the video "
                            + "has " + nFrames + " frames");
                }
                float[] u = new float[nFrames];
                for (int i = 0; i < nFrames; i++) {
                    try {
                        u[i] = Float.parseFloat(parts[i]);
                    } catch (NumberFormatException e) {
                        throw new UserException(csv + ": line " + (l + 1) + ", value " + (i + 1) + " is not a number: '"
                                + parts[i] + "'");
                    }
                }
                users.add(u);
            }
        } catch (IOException e) {
            throw new UserException(csv + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (users.isEmpty()) {
            throw new UserException(csv + ": no annotation lines");
        }
        return users.toArray(new float[0][]);
    }

    private static String extension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
