package sspvs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.SharedData;
import sspvs.UserException;

class VideoTextTableTest {
    @TempDir
    Path dir;

    @Test
    void readsTheGenericTableWithAndWithoutDescriptions() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.tsv"),
                "video\tcategory\tquery\ttitle\nvideo_1\tdogs\tdog show\tBest in show\n\nvideo_2\tcars\ttire\tFix it\n");
        List<VideoText> rows = VideoTextTable.read(plain);
        assertEquals(2, rows.size());
        assertEquals(new VideoText("video_2", "cars", "tire", "Fix it"), rows.get(1));
        assertNull(rows.get(0).description());

        Path described = Files.writeString(dir.resolve("desc.tsv"),
                "video\tcategory\tquery\ttitle\tdescription\nabc\tnews\tstorm\tStorm hits\ta long text\n");
        assertEquals("a long text", VideoTextTable.read(described).get(0).description());
    }

    @Test
    void recognisesTvsumsInfoFile() {
        List<VideoText> rows = VideoTextTable.read(SharedData.require("tvsum/ydata-tvsum50-info.tsv"));
        assertEquals(50, rows.size());
        assertEquals("video_1", rows.get(0).video());
    }

    @Test
    void badTablesNameTheFileAndLine() throws Exception {
        Path noHeader = Files.writeString(dir.resolve("a.tsv"), "video_1\tx\ty\tz\n");
        assertTrue(assertThrows(UserException.class, () -> VideoTextTable.read(noHeader)).getMessage()
                .contains("a.tsv"));
        Path shortRow = Files.writeString(dir.resolve("b.tsv"), "video\tcategory\tquery\ttitle\nvideo_1\tx\n");
        String message = assertThrows(UserException.class, () -> VideoTextTable.read(shortRow)).getMessage();
        assertTrue(message.contains("b.tsv") && message.contains("line 2"), message);
        Path twice = Files.writeString(dir.resolve("c.tsv"),
                "video\tcategory\tquery\ttitle\nv\ta\tb\tc\nv\ta\tb\tc\n");
        assertTrue(assertThrows(UserException.class, () -> VideoTextTable.read(twice)).getMessage()
                .contains("listed twice"));
    }
}
