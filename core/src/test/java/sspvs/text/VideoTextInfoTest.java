package sspvs.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.SharedData;
import sspvs.UserException;

class VideoTextInfoTest {
    private static TextTokenizer tokenizer;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.bundledMiniLm();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void writtenFilesReadBackAsTheTokenIds() throws IOException {
        VideoTextInfoWriter writer = new VideoTextInfoWriter(tokenizer);
        VideoText text = new VideoText("abc_123", "Pets & Animals", "dog show", "Best in Show, beekeeping!",
                "a long description of the dog show");
        Path file = writer.write(dir, text);
        assertEquals(dir.resolve("abc_123.h5"), file);
        VideoTextInfo info = VideoTextInfo.read(dir, "abc_123");
        assertArrayEquals(tokenizer.encode("pets & animals"), info.category());
        assertArrayEquals(new long[] {3899, 2265}, info.query());
        assertArrayEquals(tokenizer.encode(text.title()), info.title());
        assertArrayEquals(tokenizer.encode(text.description()), info.description());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void fileWithoutDescriptionReadsWithNone() {
        new VideoTextInfoWriter(tokenizer).write(dir, new VideoText("video_7", "parade", "parade", "Rose Parade 2012"));
        VideoTextInfo info = VideoTextInfo.read(dir, "video_7");
        assertFalse(info.hasDescription());
        assertNull(info.description());
    }

    @Test
    void emptyFieldsRoundTripAsEmptyArrays() {
        new VideoTextInfoWriter(tokenizer).write(dir, new VideoText("v", "news", "", "a title", ""));
        VideoTextInfo info = VideoTextInfo.read(dir, "v");
        assertEquals(0, info.query().length);
        assertTrue(info.hasDescription());
        assertEquals(0, info.description().length);
        assertEquals(2, info.title().length);
    }

    @Test
    void overwritesAnExistingFile() {
        VideoTextInfoWriter writer = new VideoTextInfoWriter(tokenizer);
        writer.write(dir, new VideoText("v", "a", "b", "first title"));
        writer.write(dir, new VideoText("v", "a", "b", "second"));
        assertArrayEquals(tokenizer.encode("second"), VideoTextInfo.read(dir, "v").title());
    }

    @Test
    void readsInt32TokenDatasetsAsWritten(@TempDir Path other) {
        try (WritableHdfFile hdf = HdfFile.write(other.resolve("x.h5"))) {
            hdf.putDataset("cat", new int[] {5});
            hdf.putDataset("query", new int[] {6, 7});
            hdf.putDataset("title", new int[] {8});
        }
        VideoTextInfo info = VideoTextInfo.read(other, "x");
        assertArrayEquals(new long[] {6, 7}, info.query());
    }

    @Test
    void aFileThatIsNotHdf5IsAUserErrorNamingIt() throws IOException {
        java.nio.file.Files.writeString(dir.resolve("garbled.h5"), "not an HDF5 file at all");
        UserException e = assertThrows(UserException.class, () -> VideoTextInfo.read(dir, "garbled"));
        assertTrue(e.getMessage().contains("garbled.h5"), e.getMessage());
    }

    @Test
    void missingFileOrFieldIsAUserErrorNamingIt() throws IOException {
        UserException missing = assertThrows(UserException.class, () -> VideoTextInfo.read(dir, "nope"));
        assertTrue(missing.getMessage().contains("nope.h5"), missing.getMessage());
        try (WritableHdfFile hdf = HdfFile.write(dir.resolve("partial.h5"))) {
            hdf.putDataset("cat", new long[] {5});
            hdf.putDataset("title", new long[] {8});
        }
        UserException field = assertThrows(UserException.class, () -> VideoTextInfo.read(dir, "partial"));
        assertTrue(field.getMessage().contains("'query'") && field.getMessage().contains("partial.h5"), field.getMessage());
    }

    @Test
    void tvSumInfoGivesFiftyVideosWithTheirCategoryPhrase() {
        List<VideoText> texts = TvSumText.readInfoTsv(SharedData.require("tvsum/ydata-tvsum50-info.tsv"));
        assertEquals(50, texts.size());
        VideoText first = texts.get(0);
        assertEquals("video_1", first.video());
        assertEquals("changing vehicle tire", first.query());
        assertEquals(first.query(), first.category());
        assertTrue(first.title().startsWith("#1306 How to change tires"), first.title());
        assertTrue(texts.get(24).title().contains("Viña"), "UTF-8 title of video 25 kept");
        assertEquals("video_50", texts.get(49).video());
    }

    @Test
    void ytvtTextsMakeSelfSupervisedInputsThroughTheirFiles() {
        List<VideoText> texts = YtvtText.readInfoJson(SharedData.require("ytvt/info_preprocessed.json"));
        assertEquals(2012, texts.size());
        VideoTextInfoWriter writer = new VideoTextInfoWriter(tokenizer);
        TextInputBuilder builder = new TextInputBuilder(tokenizer, new TextInputBuilder.Limits(2, 2, 5, 50));
        for (VideoText text : texts.subList(0, 5)) {
            writer.write(dir, text);
            VideoTextInfo info = VideoTextInfo.read(dir, text.video());
            assertArrayEquals(tokenizer.encode(text.description()), info.description(), text.video());
            long[] input = builder.forSelfSupervised(info, new java.util.Random(1));
            assertEquals(64, input.length);
            assertEquals(101, input[0]);
            assertEquals(102, input[63]);
        }
    }

    @Test
    void unknownTvSumCategoryIsAUserError() throws IOException {
        Path tsv = dir.resolve("info.tsv");
        Files.writeString(tsv, "category\tvideo_id\ttitle\turl\tlength\nXX\tid\tsome title\turl\t1:00\n");
        UserException e = assertThrows(UserException.class, () -> TvSumText.readInfoTsv(tsv));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("XX"), e.getMessage());
    }
}
