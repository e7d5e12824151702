package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import sspvs.SharedData;
import sspvs.data.Eccv16File;
import sspvs.data.VideoRecord;

class DatasetCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void buildsASyntheticDataSetWithoutAnyFiles() {
        Path file = dir.resolve("syn.h5");
        assertEquals(0, run("dataset", "build", "--dataset", "synthetic", "--limit", "3", "--steps", "20", "--users",
                "4", "--dim", "8", "--synthetic-features", "5", "--out", file.toString()), err.toString());
        assertTrue(out.toString().contains("3 videos"), out.toString());
        try (Eccv16File f = Eccv16File.open(file)) {
            assertEquals(3, f.keys().size());
            VideoRecord r = f.read("video_2");
            assertEquals(20, r.steps());
            assertEquals(4, r.users());
            assertEquals(8, r.features()[0].length);
        }
    }

    @Test
    void recordsTheMetricInTheFileAndEvaluateHonoursIt() throws Exception {
        Path ratings = dir.resolve("mydata.h5");
        assertEquals(0, run("dataset", "build", "--dataset", "synthetic", "--limit", "2", "--steps", "20", "--dim", "8",
                "--synthetic-features", "5", "--out", ratings.toString()), err.toString());
        Path selections = dir.resolve("other.h5");
        assertEquals(0, run("dataset", "build", "--dataset", "synthetic", "--limit", "2", "--steps", "20", "--dim", "8",
                "--synthetic-features", "5", "--metric", "max", "--out", selections.toString()), err.toString());
        try (Eccv16File a = Eccv16File.open(ratings); Eccv16File b = Eccv16File.open(selections)) {
            assertEquals("avg", a.evalMetricAttribute()); // synthetic users rate 1..5, like TVSum's
            assertEquals("max", b.evalMetricAttribute());
        }
        Path scores = java.nio.file.Files.writeString(dir.resolve("scores.json"), "{\"video_1\": "
                + java.util.Collections.nCopies(20, "0.5") + "}");
        err.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--data", ratings.toString(), "--scores", scores.toString(), "--videos",
                "video_1"), err.toString());
        assertTrue(err.toString().contains("F over users: avg (the eval_metric attribute of mydata.h5)"), err.toString());
    }

    @Test
    void writesTokenFilesForTextGuidanceFromATextTable() throws Exception {
        Path table = java.nio.file.Files.writeString(dir.resolve("text.tsv"),
                "video\tcategory\tquery\ttitle\nvideo_1\tdog show\tdog show\tBest in show\n"
                        + "video_2\tparade\tparade\tCity parade\n");
        Path embed = dir.resolve("info_embed");
        assertEquals(0, run("dataset", "build", "--dataset", "synthetic", "--limit", "2", "--steps", "20", "--dim",
                "8", "--synthetic-features", "5", "--out", dir.resolve("syn.h5").toString(), "--text",
                table.toString(), "--info-embed-out", embed.toString()), err.toString());
        sspvs.text.VideoTextInfo info = sspvs.text.VideoTextInfo.read(embed, "video_2");
        assertEquals(1, info.category().length, "'parade' is one word piece");
        assertTrue(info.title().length >= 2);
        // a video without a row is a user error naming the table
        Path partial = java.nio.file.Files.writeString(dir.resolve("partial.tsv"),
                "video\tcategory\tquery\ttitle\nvideo_1\ta\tb\tc\n");
        assertEquals(2, run("dataset", "build", "--dataset", "synthetic", "--limit", "2", "--steps", "20", "--dim",
                "8", "--synthetic-features", "5", "--out", dir.resolve("syn2.h5").toString(), "--text",
                partial.toString(), "--info-embed-out", dir.resolve("e2").toString()));
        assertTrue(err.toString().contains("partial.tsv") && err.toString().contains("video_2"), err.toString());
        assertTrue(!java.nio.file.Files.exists(dir.resolve("e2")), "no token files written for a failed build");
        assertTrue(!java.nio.file.Files.exists(dir.resolve("syn2.h5")), "nor the data file: the table is checked first");
    }

    @Test
    void buildsTvsumFromTheRealAnnotations() {
        Path annotations = SharedData.require("tvsum");
        Path file = dir.resolve("tvsum.h5");
        assertEquals(0, run("dataset", "build", "--dataset", "tvsum", "--annotations", annotations.toString(),
                "--limit", "2", "--dim", "16", "--synthetic-features", "1", "--segment-seconds", "4",
                "--out", file.toString()), err.toString());
        try (Eccv16File f = Eccv16File.open(file)) {
            VideoRecord r = f.read("video_1");
            assertEquals("AwmHb44_ouw", r.name());
            assertEquals(10597, r.nFrames());
            assertEquals(20, r.userScores().length);
            assertEquals(Math.round(4 * 10597 / 353.593), r.nFramePerSeg()[0]);
        }
    }

    @Test
    void zeroStepsOrUsersAreUsageErrorsNotStackTraces() {
        for (String option : new String[] {"--steps", "--users", "--dim"}) {
            CommandRun run = CommandRun.of("dataset", "build", "--dataset", "synthetic", "--synthetic-features", "1",
                    option, "0", "--out", dir.resolve("x.h5").toString());
            assertEquals(2, run.exitCode(), option);
            assertTrue(run.err().contains("Invalid value for option '" + option + "': 0 is not allowed; give a whole "
                    + "number >= 1"), run.err());
            assertTrue(!run.err().contains("\tat "), run.err());
        }
        assertTrue(!java.nio.file.Files.exists(dir.resolve("x.h5")));
    }

    @Test
    void anUnwritableOutputIsAOneLineMessage() {
        // /sys refuses new files even to root (a read-only or full disk fails the same way inside jhdf)
        sspvs.Skip.unlessApplicable(java.nio.file.Files.isDirectory(Path.of("/sys")), "no /sys (not Linux)");
        Path out = Path.of("/sys/sspvs-test-unwritable.h5");
        CommandRun run = CommandRun.of("dataset", "build", "--dataset", "synthetic", "--limit", "2", "--steps", "40",
                "--dim", "4", "--synthetic-features", "1", "--out", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("sspvs: " + out + ": cannot write ("), run.err());
        assertTrue(!run.err().contains("\tat ") && run.err().strip().lines().count() == 1, run.err());
    }

    @Test
    void userMistakesExitTwoWithAOneLineMessage() {
        assertEquals(2, run("dataset", "build", "--dataset", "ovp", "--synthetic-features", "1", "--out",
                dir.resolve("x.h5").toString()));
        assertTrue(err.toString().contains("tvsum, summe, synthetic"), err.toString());
        assertEquals(2, run("dataset", "build", "--dataset", "tvsum", "--annotations", dir.toString(),
                "--synthetic-features", "1", "--out", dir.resolve("x.h5").toString()));
        assertTrue(err.toString().contains("ydata-tvsum50.mat"), err.toString());
        assertEquals(2, run("dataset", "build", "--dataset", "summe", "--out", dir.resolve("x.h5").toString()),
                "features are required");
    }
}
