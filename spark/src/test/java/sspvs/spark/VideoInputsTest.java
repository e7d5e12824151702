package sspvs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class VideoInputsTest {
    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void aFolderIsSearchedRecursivelyByExtensionInAnyLetterCase() throws IOException {
        Path a = touch("a.mp4");
        Path upper = touch("B.MKV");
        Path nested = touch("sub dir é/deeper/ç.Mov");
        touch("notes.txt");
        touch("noextension");
        touch(".hidden/c.mp4");
        touch(".d.mp4");
        VideoInputs.Listing l = VideoInputs.list(dir);
        assertEquals(dir.toAbsolutePath().normalize(), l.root());
        assertEquals(List.of(upper, a, nested).stream().map(p -> p.toAbsolutePath().normalize()).sorted().toList(),
                l.videos());
    }

    @Test
    void aListFileNamesVideosOnePerLineRelativeToItsFolder() throws IOException {
        Path a = touch("videos/a b.mp4");
        Path list = Files.writeString(dir.resolve("list.txt"), "# my videos\n\nvideos/a b.mp4\n  " + a + "  \n"
                + "missing/é.mp4\n");
        VideoInputs.Listing l = VideoInputs.list(list);
        assertEquals(List.of(a.toAbsolutePath().normalize(), dir.resolve("missing/é.mp4").toAbsolutePath()
                .normalize()), l.videos(), "duplicates once, a missing file kept (it becomes a failed row)");
    }

    @Test
    void aVideoOrNothingAsInputIsOneClearLine() throws IOException {
        Path v = touch("one.mp4");
        UserException video = assertThrows(UserException.class, () -> VideoInputs.list(v));
        assertTrue(video.getMessage().contains("sspvs summarize"), video.getMessage());
        UserException none = assertThrows(UserException.class, () -> VideoInputs.list(dir.resolve("nowhere")));
        assertTrue(none.getMessage().contains("not found"), none.getMessage());
    }
}
