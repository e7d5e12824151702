package sspvs.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sspvs.UserException;

/**
 * Shots as frame ranges, in the eccv16 files' convention: {@code changePoints[s] = {first frame, last frame}}
 * (inclusive, 0-based) and {@code nFramePerSeg[s]} frames in shot {@code s}; the shots tile
 * {@code 0 .. nFrames-1} without gaps. The one shot type of sspvs: made from KTS's step boundaries
 * ({@link #fromSteps}), as fixed-length segments, or read from a file (an eccv16 HDF5 file's
 * {@code change_points}, e.g. the public KTS shots, or a text file of {@code video_N start end} lines).
 *
 * @param changePoints [S][2] inclusive frame ranges ({@code change_points})
 * @param nFramePerSeg [S] frames per shot ({@code n_frame_per_seg})
 */
public record Shots(int[][] changePoints, int[] nFramePerSeg) {

    /** Shots of the given inclusive ranges, their lengths computed. */
    public static Shots of(int[][] changePoints) {
        return new Shots(changePoints, lengths(changePoints));
    }

    /**
     * Maps a segmentation of sampled steps back to frames: a shot starts at the frame sampled for its first
     * step ({@code picks}) — the first shot at frame 0 — and ends just before the next shot starts, the last
     * at {@code nFrames - 1}.
     *
     * @param stepChangePoints the steps at which a new shot starts (increasing, each in 1..steps-1), as
     *     {@code sspvs.shots.KernelTemporalSegmentation.Segmentation#changePoints()} gives them
     * @param steps the number of sampled steps segmented
     * @param picks the decoded frame index of every step (increasing)
     * @param nFrames the number of decoded frames
     */
    public static Shots fromSteps(int[] stepChangePoints, int steps, int[] picks, int nFrames) {
        if (picks.length != steps) {
            throw new IllegalArgumentException(picks.length + " picks for " + steps + " steps");
        }
        int[] cps = stepChangePoints;
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        for (int s = 0; s <= cps.length; s++) {
            int end = s == cps.length ? nFrames : picks[cps[s]];
            if (end <= start) {
                continue; // steps that share a frame (a gap in variable-rate video): no empty shot
            }
            ranges.add(new int[] {start, end - 1});
            start = end;
        }
        if (start != nFrames) {
            throw new IllegalArgumentException("picks run past the " + nFrames + " frames");
        }
        return of(ranges.toArray(new int[0][]));
    }

    /** Number of shots. */
    public int count() {
        return nFramePerSeg.length;
    }

    @Override
    public String toString() {
        return "Shots" + java.util.Arrays.deepToString(changePoints);
    }

    /** Consecutive segments of {@code length} frames; the last one takes the remainder. */
    public static int[][] fixedLength(int nFrames, int length) {
        if (nFrames <= 0 || length <= 0) {
            throw new IllegalArgumentException("frames " + nFrames + ", segment length " + length);
        }
        int count = (nFrames + length - 1) / length;
        int[][] cps = new int[count][2];
        for (int s = 0; s < count; s++) {
            cps[s][0] = s * length;
            cps[s][1] = Math.min(nFrames, (s + 1) * length) - 1;
        }
        return cps;
    }

    /** Lengths in frames ({@code end - start + 1}) of each segment. */
    public static int[] lengths(int[][] cps) {
        int[] out = new int[cps.length];
        for (int s = 0; s < cps.length; s++) out[s] = cps[s][1] - cps[s][0] + 1;
        return out;
    }

    /** Reads change points per video key from {@code file} (.h5: eccv16 layout; otherwise text). */
    public static Map<String, int[][]> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            Map<String, int[][]> out = new HashMap<>();
            try (Eccv16File f = Eccv16File.open(file)) {
                for (String key : f.keys()) {
                    out.put(key, f.read(key).changePoints());
                }
            }
            return out;
        }
        return readText(file);
    }

    /** Lines {@code video_N start end} (inclusive, 0-based frames); blank lines and {@code #} comments skipped. */
    static Map<String, int[][]> readText(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read the shots file (" + e.getMessage() + ")", e);
        }
        Map<String, List<int[]>> byKey = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("[\\s,]+");
            try {
                if (cols.length != 3) throw new NumberFormatException();
                byKey.computeIfAbsent(cols[0], k -> new ArrayList<>())
                        .add(new int[] {Integer.parseInt(cols[1]), Integer.parseInt(cols[2])});
            } catch (NumberFormatException e) {
                throw new UserException(file + ": line " + (i + 1) + " is not 'video_N start end': " + line);
            }
        }
        Map<String, int[][]> out = new HashMap<>();
        byKey.forEach((k, v) -> out.put(k, v.toArray(new int[0][])));
        return out;
    }

    /**
     * Checks {@code cps} against a video of {@code nFrames} frames: ordered, non-overlapping, inside the video.
     * {@code where} names the file and video in the message.
     */
    public static void check(int[][] cps, int nFrames, String where) {
        if (cps.length == 0) {
            throw new UserException(where + ": no shots");
        }
        for (int s = 0; s < cps.length; s++) {
            int start = cps[s][0];
            int end = cps[s][1];
            if (start < 0 || start > end || end >= nFrames) {
                throw new UserException(where + ": shot " + s + " is [" + start + ", " + end + "], not inside 0.."
                        + (nFrames - 1));
            }
            if (s > 0 && start <= cps[s - 1][1]) {
                throw new UserException(where + ": shot " + s + " starts at " + start + ", inside or before shot "
                        + (s - 1));
            }
        }
    }
}
