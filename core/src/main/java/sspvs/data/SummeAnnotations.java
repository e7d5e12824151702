package sspvs.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import sspvs.UserException;

/**
 * The SumMe annotations (Gygli et al., ECCV 2014): 25 videos, 15–18 users each, one MATLAB v5 file per video in
 * {@code GT/}. {@code user_score} [N][U] holds, per frame and user, the index of the segment the user selected
 * (0 = not selected): we binarise it ({@code > 0}) for both the user summaries and the user scores, which is
 * what {@code gt_score} averages. Video {@code video_i} is the i-th file stem in ASCII order (uppercase first),
 * the order of the public eccv16 SumMe file.
 */
public final class SummeAnnotations {
    private SummeAnnotations() {}

    /** Reads the first {@code maxVideos} (<= 0: all) videos from {@code dir/GT} (or {@code dir} itself). */
    public static List<AnnotatedVideo> read(Path dir, int maxVideos) {
        Path gt = Files.isDirectory(dir.resolve("GT")) ? dir.resolve("GT") : dir;
        List<Path> files;
        try (Stream<Path> list = Files.list(gt)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".mat"))
                    .sorted((a, b) -> stem(a).compareTo(stem(b))) // UTF-16 order = ASCII order for these names
                    .toList();
        } catch (IOException e) {
            throw new UserException(gt + ": cannot list the SumMe GT folder (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new UserException(gt + ": no SumMe GT/*.mat files (from the SumMe release,"
                    + " https://gyglim.github.io/me/vsum/index.html)");
        }
        int n = maxVideos <= 0 ? files.size() : Math.min(maxVideos, files.size());
        List<AnnotatedVideo> videos = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            videos.add(readOne(files.get(i), VideoKeys.key(i + 1)));
        }
        return videos;
    }

    /** Reads one GT file as the video {@code key}. */
    public static AnnotatedVideo readOne(Path file, String key) {
        try (MatFile mat = Mat5.readFromFile(file.toFile())) {
            Matrix userScore = matrix(mat, file, "user_score");
            int frames = (int) Math.round(matrix(mat, file, "nFrames").getDouble(0));
            double fps = matrix(mat, file, "FPS").getDouble(0);
            if (userScore.getNumRows() != frames) {
                throw new UserException(file + ": field 'user_score' has " + userScore.getNumRows()
                        + " rows but nFrames is " + frames);
            }
            if (fps <= 0 || frames <= 0) {
                throw new UserException(file + ": FPS " + fps + " / nFrames " + frames + " must be positive");
            }
            int users = userScore.getNumCols();
            float[][] selected = new float[users][frames];
            for (int u = 0; u < users; u++) {
                for (int f = 0; f < frames; f++) {
                    selected[u][f] = userScore.getDouble(f, u) > 0 ? 1f : 0f;
                }
            }
            // the same binary matrix serves as scores and summaries; copies keep the records independent
            float[][] summary = new float[users][];
            for (int u = 0; u < users; u++) summary[u] = selected[u].clone();
            return new AnnotatedVideo(key, stem(file), "", "", frames, fps, selected, summary);
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserException ue) {
                throw ue;
            }
            throw new UserException(file + ": not a readable SumMe GT file (" + e.getMessage() + ")", e);
        }
    }

    private static Matrix matrix(MatFile mat, Path file, String name) {
        Array a;
        try {
            a = mat.getArray(name);
        } catch (IllegalArgumentException e) {
            throw new UserException(file + ": field '" + name + "' is missing");
        }
        if (!(a instanceof Matrix m)) {
            throw new UserException(file + ": field '" + name + "' is not a numeric matrix");
        }
        return m;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".mat") ? n.substring(0, n.length() - 4) : n;
    }
}
