package sspvs.server;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import sspvs.UserException;

/**
 * How an uploaded file becomes a job's input: streamed into the job's folder under a name of our own (the client's
 * name is kept for display only; its extension survives when it is a short run of letters and digits, as FFmpeg
 * guesses some containers from it).
 */
final class Uploads {
    private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,8}");

    private Uploads() {}

    /** What a 413 says. */
    static String tooLarge(long limit) {
        return "the upload is larger than the server's limit of " + limit / (1024 * 1024) + " MB";
    }

    /** The stored upload's extension: the client's when it is plain letters and digits, else "bin". */
    static String extensionOf(String clientName) {
        String name = clientName == null ? "" : clientName;
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return EXTENSION.matcher(ext).matches() ? ext : "bin";
    }

    /** The client's name as shown on pages: its last path segment, control characters removed, at most 200. */
    static String displayName(String clientName) {
        String name = clientName == null ? "" : clientName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = "video";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** The input file's name inside the job's folder. */
    static String fileName(JobStatus s) {
        return "upload." + s.uploadExtension();
    }

    /**
     * A user error's message as the client may see it: the server's paths (the data folder, the job's folder)
     * replaced by the uploaded file's name, so responses and pages never show where the server keeps files.
     */
    static String withoutServerPaths(String message, Path dataRoot, String videoName) {
        String m = message == null ? "failed" : message;
        m = Pattern.compile(Pattern.quote(dataRoot.toString()) + "[^\\s:;,)]*").matcher(m)
                .replaceAll(java.util.regex.Matcher.quoteReplacement(videoName));
        return m.replace('\n', ' ').strip();
    }

    /** Fails with a {@link UserException} when the file is not something the pipeline can open as a video. */
    static double probeDuration(Path file) {
        return sspvs.video.decode.VideoDecoder.probe(file).durationSeconds();
    }
}
