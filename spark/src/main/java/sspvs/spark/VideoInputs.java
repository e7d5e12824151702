package sspvs.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import sspvs.UserException;

/**
 * The videos a batch covers: every file under a folder whose extension is a video container's (in any letter case),
 * or the paths a text file lists, one per line (blank lines and lines starting with {@code #} skipped; relative
 * paths are relative to the list's folder). A listed file that is missing still counts: it becomes a failed row.
 */
public final class VideoInputs {
    /** Container extensions searched for in a folder, lower case. */
    public static final Set<String> EXTENSIONS = Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg",
            "ts", "mts", "m2ts", "wmv", "flv", "3gp", "ogv", "vob");

    /**
     * The inputs and the root that folder names are relative to.
     *
     * @param root the INPUT folder, or the list file's folder
     * @param videos absolute, normalised paths in a fixed order, without duplicates
     */
    public record Listing(Path root, List<Path> videos) {}

    private VideoInputs() {}

    /** Lists {@code input}: a folder (searched recursively) or a text file of paths. */
    public static Listing list(Path input) {
        Path absolute = input.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return new Listing(absolute, search(absolute));
        }
        if (!Files.isRegularFile(absolute)) {
            throw new UserException(input + ": not found (INPUT is a folder of videos or a text file of paths)");
        }
        if (isVideoName(absolute)) {
            throw new UserException(input + ": is a video; INPUT is a folder of videos or a text file listing them "
                    + "(for one video, use 'sspvs summarize')");
        }
        return new Listing(absolute.getParent(), read(absolute));
    }

    static boolean isVideoName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> search(Path folder) {
        try (Stream<Path> walk = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(p -> !hidden(folder, p) && Files.isRegularFile(p) && isVideoName(p))
                    .map(p -> p.toAbsolutePath().normalize()).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UserException(folder + ": cannot search the folder (" + e.getMessage() + ")", e);
        }
    }

    /** Hidden files and folders (ours, e.g. an --out inside INPUT, and the system's) are not inputs. */
    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> read(Path listFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new UserException(listFile + ": not a UTF-8 text file of video paths");
        } catch (IOException e) {
            throw new UserException(listFile + ": cannot read (" + e.getMessage() + ")", e);
        }
        Set<Path> seen = new TreeSet<>();
        List<Path> videos = new ArrayList<>();
        for (String line : lines) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            Path p;
            try {
                p = listFile.getParent().resolve(s).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new UserException(listFile + ": '" + s + "' is not a valid path");
            }
            if (seen.add(p)) {
                videos.add(p);
            }
        }
        return videos;
    }
}
