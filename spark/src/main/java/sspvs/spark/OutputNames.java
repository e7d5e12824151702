package sspvs.spark;

import java.nio.file.Path;
import java.util.Locale;
import sspvs.io.Sha256;

/**
 * The folder name of each video's outputs: its path below the INPUT root made readable as one name (separators become
 * {@code __}, anything but letters, digits, {@code -_.} and spaces becomes {@code _}), then a dash and 8 hex digits of
 * the SHA-256 of its absolute path, so two videos never share a folder, even with the same file name. The name
 * depends on nothing but the path: a rerun, or a run with more videos, finds the same folders.
 */
public final class OutputNames {
    private static final int READABLE_MAX = 80;

    private OutputNames() {}

    /** The folder name of {@code video} (absolute) listed under {@code root}. */
    public static String of(Path root, Path video) {
        Path shown = video.startsWith(root) ? root.relativize(video) : video;
        StringBuilder readable = new StringBuilder();
        for (Path part : shown) {
            if (readable.length() > 0) {
                readable.append("__");
            }
            part.toString().codePoints().forEach(c -> readable.appendCodePoint(
                    Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == ' ' ? c : '_'));
        }
        String name = readable.toString().strip();
        while (name.startsWith(".")) {
            name = name.substring(1); // never a hidden folder
        }
        if (name.codePointCount(0, name.length()) > READABLE_MAX) {
            name = name.substring(name.offsetByCodePoints(0, name.codePointCount(0, name.length()) - READABLE_MAX));
        }
        String hash = Sha256.ofText(video.toString()).substring(0, 8).toLowerCase(Locale.ROOT);
        return (name.isEmpty() ? "video" : name) + "-" + hash;
    }
}
