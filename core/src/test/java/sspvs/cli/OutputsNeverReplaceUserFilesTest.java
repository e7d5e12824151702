package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.data.Eccv16File;
import sspvs.io.OutputFolders;
import sspvs.report.EpochSelection;
import sspvs.train.RunFixture;

/** Issue 15 item 1 for predict, dataset build and demo: a user's files are never replaced by our outputs. */
class OutputsNeverReplaceUserFilesTest {
    @TempDir
    Path dir;

    @Test
    void predictRefusesToWriteItsScoresOverItsOwnDataFile() throws Exception {
        RunFixture f = new RunFixture(dir);
        f.runner("ts_c", RunFixture.config("max_epochs=1"), EpochSelection.Selection.TEST, dir.resolve("results"))
                .run();
        byte[] before = Files.readAllBytes(f.dataFile);
        Path sameFileOtherSpelling = f.dataFile.getParent().resolve("../data/tvsum.h5");
        CommandRun run = CommandRun.of("predict", "--checkpoint", dir.resolve("results/TS_C/split0.ckpt").toString(),
                "--data", f.dataFile.toString(), "--out", sameFileOtherSpelling.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("is the data file given as --data"), run.err());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(f.dataFile)), "the HDF5 is untouched");
        try (Eccv16File data = Eccv16File.open(f.dataFile)) {
            assertEquals(RunFixture.VIDEOS, data.keys().size());
        }
    }

    private CommandRun buildWithTokens(Path embed, String out) throws Exception {
        Path table = Files.writeString(dir.resolve("text.tsv"), "video\tcategory\tquery\ttitle\n"
                + "video_1\tdog show\tdog show\tBest in show\nvideo_2\tparade\tparade\tCity parade\n");
        return CommandRun.of("dataset", "build", "--dataset", "synthetic", "--limit", "2", "--steps", "40", "--dim",
                "8", "--synthetic-features", "5", "--out", dir.resolve(out).toString(), "--text", table.toString(),
                "--info-embed-out", embed.toString());
    }

    @Test
    void datasetBuildRefusesAUsersFolderForTokenFilesAndReplacesItsOwn() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("my_folder"));
        Files.writeString(mine.resolve("thesis.tex"), "years of work");
        CommandRun refused = buildWithTokens(mine, "a.h5");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("was not written by sspvs"), refused.err());
        assertEquals(List.of("thesis.tex"), list(mine));
        assertTrue(!Files.exists(dir.resolve("a.h5")), "checked before the data file was written");

        Path embed = dir.resolve("info_embed");
        assertEquals(0, buildWithTokens(embed, "b.h5").exitCode());
        assertEquals("info-embed", OutputFolders.kindOf(embed));
        CommandRun again = buildWithTokens(embed, "c.h5");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(List.of(".sspvs-output", "video_1.h5", "video_2.h5"), list(embed));
    }

    @Test
    void demoRefusesAUsersFolderBeforeWritingAnything() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        CommandRun run = CommandRun.of("demo", "--out", mine.toString(), "--videos", "10", "--steps", "40",
                "--epochs", "1");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("was not written by sspvs"), run.err());
        assertEquals(List.of("notes.txt"), list(mine));
    }

    @Test
    void demoOverAnEarlierQuickerDemoReplacesItWhole() throws Exception {
        Path out = dir.resolve("demo");
        CommandRun first = CommandRun.of("demo", "--out", out.toString(), "--videos", "10", "--steps", "40",
                "--epochs", "1");
        assertEquals(0, first.exitCode(), first.err());
        CommandRun second = CommandRun.of("demo", "--out", out.toString(), "--videos", "10", "--steps", "48",
                "--epochs", "1");
        assertEquals(0, second.exitCode(), second.err() + second.out());
        assertTrue(!second.err().contains("no scores"), "evaluate is given split 1 test videos: " + second.err());
        try (Eccv16File data = Eccv16File.open(out.resolve("data/synthetic.h5"))) {
            assertEquals(48, data.read("video_1").steps(), "the new run's data");
        }
        assertTrue(Files.readString(out.resolve("results/DEMO/run.json")).contains("\"max_video\" : 48"),
                "results of the new data");
        assertEquals("demo", OutputFolders.kindOf(out));
        try (var siblings = Files.list(dir)) {
            assertEquals(List.of(out), siblings.toList(), "no earlier demo or temporary folder left beside it");
        }
    }

    private static List<String> list(Path folder) throws Exception {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
