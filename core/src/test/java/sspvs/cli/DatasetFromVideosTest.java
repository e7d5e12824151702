package sspvs.cli;

import sspvs.summarize.SummarizeFixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.data.Eccv16File;
import sspvs.data.VideoRecord;
import sspvs.video.features.FeatureFile;
import sspvs.video.synthetic.SyntheticVideo;

/** {@code sspvs dataset build --videos DIR}: the summarize pipeline over a folder, with and without users. */
class DatasetFromVideosTest {
    @TempDir
    static Path dir;

    static Path videos;
    static int[] frames = new int[2];

    @BeforeAll
    static void folder() throws IOException {
        videos = Files.createDirectories(dir.resolve("videos"));
        frames[0] = SyntheticVideo.builder().size(48, 32).fps(30).sceneSeconds(2, 3, 2).build()
                .write(videos.resolve("a_first.mp4")).frameCount();
        frames[1] = SyntheticVideo.builder().size(48, 32).fps(25).sceneSeconds(3, 2).audio(false).build()
                .write(videos.resolve("b_second.mkv")).frameCount();
        Files.writeString(videos.resolve("notes.txt"), "not a video");
    }

    static CommandRun build(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("dataset", "build", "--videos", videos.toString(), "--out",
                out.toString(), "--quiet"));
        args.addAll(List.of(SummarizeFixtures.tinyFeatureOptions()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(new String[0]));
    }

    @Test
    void withoutAnnotationsEveryVideoGetsFeaturesPicksAndShots() throws IOException {
        Path out = dir.resolve("plain.h5");
        CommandRun r = build(out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("2 videos") && r.out().contains("no annotations"), r.out());
        try (HdfFile h = new HdfFile(out)) {
            assertEquals(List.of("video_1", "video_2"), new ArrayList<>(h.getChildren().keySet()));
            assertEquals("b_second", ((String) h.getDatasetByPath("video_2/video_name").getData()).trim());
            assertEquals(frames[1], ((Number) h.getDatasetByPath("video_2/n_frames").getData()).intValue());
        }
        FeatureFile.Contents first = FeatureFile.read(out);
        assertEquals(frames[0], first.features().nFrames());
        assertEquals(4, first.features().dimension());
        int[] picks = first.features().picks();
        for (int i = 0; i < picks.length; i++) {
            assertEquals(15 * i, picks[i], "every 15th frame, the eccv16 picks");
        }
        int[][] cps = first.shotsOrNull().changePoints();
        assertEquals(0, cps[0][0]);
        assertEquals(frames[0] - 1, cps[cps.length - 1][1]);
    }

    @Test
    void withAnnotationsTheFileIsAFullEccv16File() throws IOException {
        Path annotations = Files.createDirectories(dir.resolve("anno"));
        Random rnd = new Random(4);
        String[] names = {"a_first", "b_second"};
        for (int v = 0; v < 2; v++) {
            StringBuilder sb = new StringBuilder();
            for (int u = 0; u < 3; u++) {
                for (int f = 0; f < frames[v]; f++) {
                    sb.append(f == 0 ? "" : ",").append(1 + rnd.nextInt(5));
                }
                sb.append('\n');
            }
            Files.writeString(annotations.resolve(names[v] + ".csv"), sb);
        }
        Path out = dir.resolve("annotated.h5");
        CommandRun r = build(out, "--annotations", annotations.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (Eccv16File f = Eccv16File.open(out)) {
            assertEquals(List.of("video_1", "video_2"), f.keys());
            VideoRecord a = f.read("video_1");
            assertEquals("a_first", a.name());
            assertEquals(3, a.users());
            assertEquals(frames[0], a.nFrames());
            assertEquals(4, a.features()[0].length);
            for (int i = 0; i < a.picks().length; i++) {
                assertEquals(15 * i, a.picks()[i]);
            }
            assertEquals((frames[0] + 14) / 15, a.steps());
            assertEquals(0, a.changePoints()[0][0]);
            assertEquals(frames[0] - 1, a.changePoints()[a.changePoints().length - 1][1]);
            assertEquals(a.nFrames(), a.userSummary()[0].length);
        }
    }

    @Test
    void aMissingAnnotationFileIsNamedAndNothingIsWritten() throws IOException {
        Path annotations = Files.createDirectories(dir.resolve("partial"));
        Files.writeString(annotations.resolve("a_first.csv"), "1,2,3\n");
        Path out = dir.resolve("broken.h5");
        CommandRun r = build(out, "--annotations", annotations.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("a_first.csv") && r.err().contains("frames"), r.err());
        assertTrue(!Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".broken.h5")));
        }
    }
}
