package sspvs.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import sspvs.UserException;

/**
 * The TVSum50 annotations (Song et al., CVPR 2015): 50 YouTube videos, each rated by 20 users with importance
 * 1..5 per frame (constant over 2-second shots). Read from either the MATLAB v7.3 file {@code ydata-tvsum50.mat}
 * (HDF5 behind a 512-byte user block, a 1x50 struct whose fields are object references) or the pair
 * {@code ydata-tvsum50-anno.tsv} + {@code ydata-tvsum50-info.tsv}; both give the same videos in the same
 * order, and the i-th video is {@code video_i} of the public eccv16 TVSum file.
 *
 * <p>TVSum has no user summaries; {@link AnnotatedVideo#userSummary()} is null (the builder derives them).
 */
public final class TvsumAnnotations {
    public static final String MAT = "ydata-tvsum50.mat";
    public static final String ANNO_TSV = "ydata-tvsum50-anno.tsv";
    public static final String INFO_TSV = "ydata-tvsum50-info.tsv";

    private TvsumAnnotations() {}

    /** Reads the first {@code maxVideos} videos of {@code dir}, from the .mat when present, else the .tsv pair. */
    public static List<AnnotatedVideo> read(Path dir, int maxVideos) {
        if (Files.isRegularFile(dir.resolve(MAT))) {
            return readMat(dir.resolve(MAT), maxVideos);
        }
        if (Files.isRegularFile(dir.resolve(ANNO_TSV)) && Files.isRegularFile(dir.resolve(INFO_TSV))) {
            return readTsv(dir.resolve(ANNO_TSV), dir.resolve(INFO_TSV), maxVideos);
        }
        throw new UserException(dir + ": no TVSum annotations (expected " + MAT + ", or " + ANNO_TSV + " with " + INFO_TSV
                + ", from the TVSum50 release: https://github.com/yalesong/tvsum)");
    }

    /** Reads {@code ydata-tvsum50.mat}; {@code maxVideos} <= 0 means all. */
    public static List<AnnotatedVideo> readMat(Path mat, int maxVideos) {
        if (!Files.isRegularFile(mat)) {
            throw new UserException(mat + ": no such file");
        }
        try (HdfFile hdf = new HdfFile(mat)) {
            Node node = hdf.getChildren().get("tvsum50");
            if (!(node instanceof Group struct)) {
                throw new UserException(mat + ": no 'tvsum50' struct (not the TVSum50 .mat file?)");
            }
            long[][] video = refs(mat, struct, "video");
            int n = limit(video.length, maxVideos);
            long[][] category = refs(mat, struct, "category");
            long[][] title = refs(mat, struct, "title");
            long[][] length = refs(mat, struct, "length");
            long[][] nframes = refs(mat, struct, "nframes");
            long[][] userAnno = refs(mat, struct, "user_anno");
            List<AnnotatedVideo> videos = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String where = mat + ": video " + (i + 1);
                int frames = (int) Math.round(scalar(hdf, nframes[i][0], where + ", nframes"));
                double seconds = scalar(hdf, length[i][0], where + ", length");
                double[][] anno = (double[][]) dataset(hdf, userAnno[i][0], where + ", user_anno").getData();
                float[][] scores = new float[anno.length][];
                for (int u = 0; u < anno.length; u++) {
                    if (anno[u].length != frames) {
                        throw new UserException(where + ", user_anno: user " + (u + 1) + " has " + anno[u].length
                                + " frames, nframes is " + frames);
                    }
                    scores[u] = toFloats(anno[u]);
                }
                videos.add(new AnnotatedVideo(VideoKeys.key(i + 1), chars(hdf, video[i][0], where), chars(hdf,
                        category[i][0], where), utf8Bytes(chars(hdf, title[i][0], where)), frames, frames / seconds,
                        scores, null));
            }
            return videos;
        } catch (HdfException | ClassCastException e) {
            throw new UserException(mat + ": not the expected MATLAB v7.3 TVSum50 file (" + e.getMessage() + ")", e);
        }
    }

    /** Reads the tab-separated pair; fps comes from the info file's m:ss length, so it is approximate. */
    public static List<AnnotatedVideo> readTsv(Path annoTsv, Path infoTsv, int maxVideos) {
        List<String[]> info = infoRows(infoTsv);
        int n = limit(info.size(), maxVideos);
        List<AnnotatedVideo> videos = new ArrayList<>(n);
        try (BufferedReader in = Files.newBufferedReader(annoTsv, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            int lineNo = 1;
            for (int i = 0; i < n; i++) {
                String id = info.get(i)[1];
                List<float[]> users = new ArrayList<>();
                while (line != null) {
                    String[] cols = line.split("\t", -1);
                    if (cols.length != 3) {
                        throw new UserException(annoTsv + ": line " + lineNo + " has " + cols.length
                                + " columns, expected 3 (id, category, scores)");
                    }
                    if (!cols[0].equals(id)) {
                        break;
                    }
                    users.add(parseScores(cols[2], annoTsv + ": line " + lineNo));
                    line = in.readLine();
                    lineNo++;
                }
                if (users.isEmpty()) {
                    throw new UserException(annoTsv + ": line " + lineNo + ": expected the rows of video " + (i + 1)
                            + " (" + id + ") in the order of " + infoTsv.getFileName());
                }
                int frames = users.get(0).length;
                for (float[] u : users) {
                    if (u.length != frames) {
                        throw new UserException(annoTsv + ": video " + id + " has users with " + frames + " and "
                                + u.length + " scores");
                    }
                }
                double seconds = seconds(info.get(i)[4], infoTsv);
                videos.add(new AnnotatedVideo(VideoKeys.key(i + 1), id, info.get(i)[0], info.get(i)[2], frames,
                        frames / seconds, users.toArray(new float[0][]), null));
            }
        } catch (IOException e) {
            throw new UserException(annoTsv + ": cannot read (" + e.getMessage() + ")", e);
        }
        return videos;
    }

    private static List<String[]> infoRows(Path infoTsv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(infoTsv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(infoTsv + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("category\tvideo_id\ttitle")) {
            throw new UserException(infoTsv + ": expected the header 'category video_id title url length'");
        }
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cols = lines.get(i).split("\t", -1);
            if (cols.length != 5) {
                throw new UserException(infoTsv + ": line " + (i + 1) + " has " + cols.length + " columns, expected 5");
            }
            rows.add(cols);
        }
        return rows;
    }

    private static float[] parseScores(String csv, String where) {
        float[] out = new float[csv.length() / 2 + 1];
        int n = 0;
        int start = 0;
        try {
            while (start <= csv.length()) {
                int comma = csv.indexOf(',', start);
                int end = comma < 0 ? csv.length() : comma;
                out[n++] = Float.parseFloat(csv.substring(start, end));
                start = end + 1;
            }
        } catch (NumberFormatException e) {
            throw new UserException(where + ": score " + (n + 1) + " is not a number");
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static double seconds(String mss, Path infoTsv) {
        String[] parts = mss.trim().split(":");
        try {
            double s = 0;
            for (String p : parts) s = s * 60 + Integer.parseInt(p);
            if (s <= 0) throw new NumberFormatException();
            return s;
        } catch (NumberFormatException e) {
            throw new UserException(infoTsv + ": length '" + mss + "' is not m:ss");
        }
    }

    private static int limit(int available, int maxVideos) {
        return maxVideos <= 0 ? available : Math.min(available, maxVideos);
    }

    private static long[][] refs(Path mat, Group struct, String field) {
        Node node = struct.getChildren().get(field);
        if (!(node instanceof Dataset d) || !(d.getData() instanceof long[][] refs)) {
            throw new UserException(mat + ": tvsum50 has no field '" + field + "' of object references");
        }
        return refs;
    }

    private static Dataset dataset(HdfFile hdf, long address, String where) {
        Node node = hdf.getNodeByAddress(address);
        if (!(node instanceof Dataset d)) {
            throw new UserException(where + ": reference does not point at a dataset");
        }
        return d;
    }

    private static double scalar(HdfFile hdf, long address, String where) {
        double[] v = Hdf5Arrays.toDoubles(dataset(hdf, address, where).getDataFlat());
        if (v.length != 1) {
            throw new UserException(where + ": expected a scalar, found " + v.length + " values");
        }
        return v[0];
    }

    /** MATLAB char arrays are stored as uint16 code units, one per element. */
    private static String chars(HdfFile hdf, long address, String where) {
        double[] codes = Hdf5Arrays.toDoubles(dataset(hdf, address, where).getDataFlat());
        StringBuilder sb = new StringBuilder(codes.length);
        for (double c : codes) sb.append((char) c);
        return sb.toString();
    }

    /** Two titles hold UTF-8 bytes one per char (mojibake); decode them when they form valid UTF-8. */
    static String utf8Bytes(String s) {
        byte[] bytes = new byte[s.length()];
        boolean nonAscii = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            nonAscii |= c > 0x7F;
            bytes[i] = (byte) c;
        }
        if (!nonAscii) {
            return s;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }
}
