package sspvs.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.summarize.SummarizeResult;

/** The batch on Spark at local[2] over a small library of generated videos, a non-video and a truncated file. */
class BatchJobTest {
    @TempDir
    static Path dir;

    static Path library;
    static Path ckpt;
    static Path out;
    static SparkSession spark;
    static BatchJob.Report first;
    static long openedByFirst;

    @BeforeAll
    static void runOnce() throws IOException {
        library = BatchFixtures.library(dir.resolve("library"));
        ckpt = BatchFixtures.checkpoint(dir.resolve("tiny.ckpt"));
        spark = BatchSessions.create("local[2]", Map.of());
        out = dir.resolve("out");
        long opened = Pipelines.opened();
        first = BatchJob.run(spark, request(out), BatchListener.NONE);
        openedByFirst = Pipelines.opened() - opened;
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static BatchJob.Request request(Path o) {
        return new BatchJob.Request(library, o, BatchFixtures.spec(ckpt), false);
    }

    static List<Row> sql(String query) {
        return spark.sql(query).collectAsList();
    }

    static String table(Path o, String name) {
        return "parquet.`" + BatchTables.uri(o.resolve(name)) + "`";
    }

    static String path(String name) {
        return library.resolve(name).toAbsolutePath().normalize().toString();
    }

    @Test
    void videosTableHasOneRowPerInputWithTheListedColumns() {
        assertEquals(List.of("path", "status", "error", "video_sha256", "duration_s", "fps", "frames", "shots",
                "kept_s", "model_sha256", "feature_extractor", "ratio", "seconds", "output"),
                List.of(spark.read().parquet(BatchTables.uri(out.resolve("videos"))).columns()));
        assertEquals(List.of("path", "video_sha256", "index", "start_s", "end_s", "start_frame", "end_frame", "score",
                "selected"), List.of(spark.read().parquet(BatchTables.uri(out.resolve("shots"))).columns()));
        List<Row> rows = sql("SELECT path, status, count(*) OVER (PARTITION BY path) FROM " + table(out, "videos"));
        assertEquals(8, rows.size());
        Map<String, String> status = rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getString(1)));
        for (String name : BatchFixtures.OK) {
            assertEquals("ok", status.get(path(name)), name);
        }
        for (String name : BatchFixtures.FAILED) {
            assertEquals("failed", status.get(path(name)), name);
        }
        assertEquals(6, first.ok());
        assertEquals(2, first.failed());
    }

    @Test
    void okRowsDescribeTheVideoAndItsFolderHoldsWhatSummarizeWrites() throws IOException {
        List<Row> rows = sql("SELECT path, error, video_sha256, duration_s, fps, frames, shots, kept_s, model_sha256, "
                + "feature_extractor, ratio, seconds, output FROM " + table(out, "videos") + " WHERE status = 'ok'");
        assertEquals(6, rows.size());
        Set<String> folders = new HashSet<>();
        for (Row r : rows) {
            assertEquals("", r.getString(1));
            assertEquals(sspvs.io.Sha256.of(Path.of(r.getString(0))), r.getString(2));
            assertEquals(sspvs.io.Sha256.of(ckpt), r.getString(8));
            assertTrue(r.getString(9).startsWith("colour-histogram:2"), r.getString(9));
            assertEquals(BatchFixtures.RATIO, r.getDouble(10));
            assertTrue(r.getDouble(11) > 0);
            assertTrue(r.getDouble(3) >= 3 && r.getDouble(3) <= 8.5, "duration " + r.getDouble(3));
            assertEquals(r.getInt(5) / r.getDouble(4), r.getDouble(3), 0.01);
            assertTrue(r.getDouble(7) > 0 && r.getDouble(7) <= r.getDouble(3) * BatchFixtures.RATIO + 0.01);
            Path folder = Path.of(r.getString(12));
            assertEquals(out, folder.getParent());
            try (Stream<Path> files = Files.list(folder)) {
                assertEquals(Set.of(SummarizeResult.VIDEO, SummarizeResult.SHOTS, SummarizeResult.JSON,
                        SummarizeResult.FEATURES, SummarizeResult.HTML),
                        files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()), folder.toString());
            }
            assertEquals(r.getInt(6), Files.readAllLines(folder.resolve(SummarizeResult.SHOTS)).size() - 1);
            folders.add(folder.getFileName().toString());
        }
        assertEquals(6, folders.size(), "two videos named a.mp4 get two folders");
        Map<Double, Long> rates = rows.stream().collect(Collectors.groupingBy(r -> r.getDouble(4),
                Collectors.counting()));
        assertTrue(rates.size() >= 5, "frame rates " + rates.keySet());
    }

    @Test
    void aVideosFolderHoldsWhatSummarizeWritesForTheSameVideoAndOptions() throws IOException {
        String folder = sql("SELECT output FROM " + table(out, "videos") + " WHERE path = '" + path("long.mp4") + "'")
                .get(0).getString(0);
        Path alone = dir.resolve("summarize-alone");
        PipelineSpec spec = BatchFixtures.spec(ckpt);
        try (sspvs.summarize.SummarizePipeline p = sspvs.summarize.SummarizePipeline.open(spec.settings())) {
            p.summarize(sspvs.summarize.SummarizeRequest.of(library.resolve("long.mp4"), alone)
                    .withRatio(spec.ratio()));
        }
        assertEquals(Files.readString(alone.resolve(SummarizeResult.SHOTS)),
                Files.readString(Path.of(folder).resolve(SummarizeResult.SHOTS)));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode a = (com.fasterxml.jackson.databind.node.ObjectNode) json
                .readTree(alone.resolve(SummarizeResult.JSON).toFile());
        com.fasterxml.jackson.databind.node.ObjectNode b = (com.fasterxml.jackson.databind.node.ObjectNode) json
                .readTree(Path.of(folder).resolve(SummarizeResult.JSON).toFile());
        a.remove("seconds");
        b.remove("seconds");
        assertEquals(a, b, "summary.json equal but for the stage timings");
    }

    @Test
    void failedRowsSayWhyInOneLineAndHaveNoFolder() {
        List<Row> rows = sql("SELECT path, error, output, duration_s, shots FROM " + table(out, "videos")
                + " WHERE status = 'failed' ORDER BY path");
        assertEquals(List.of(path("cut.mp4"), path("notes.mp4")), rows.stream().map(r -> r.getString(0)).toList());
        for (Row r : rows) {
            String error = r.getString(1);
            assertFalse(error.isBlank());
            assertFalse(error.contains("\n") || error.contains("\tat "), error);
            assertTrue(error.contains(r.getString(0)), "names the file: " + error);
            assertFalse(error.startsWith("internal error"), "a bad file is not a bug: " + error);
            assertEquals("", r.getString(2));
            assertTrue(r.isNullAt(3) && r.isNullAt(4));
        }
        assertEquals(0, sql("SELECT * FROM " + table(out, "shots") + " WHERE path IN ('" + path("cut.mp4") + "', '"
                + path("notes.mp4") + "')").size());
    }

    @Test
    void shotsRowsEqualEachVideosShotsCsv() throws IOException {
        List<Row> videos = sql("SELECT path, video_sha256, output FROM " + table(out, "videos")
                + " WHERE status = 'ok'");
        int total = 0;
        for (Row v : videos) {
            List<String> csv = Files.readAllLines(Path.of(v.getString(2)).resolve(SummarizeResult.SHOTS));
            List<Row> shots = sql("SELECT video_sha256, index, start_s, end_s, start_frame, end_frame, score, "
                    + "selected FROM " + table(out, "shots") + " WHERE path = '" + v.getString(0).replace("'", "\\'")
                    + "' ORDER BY index");
            assertEquals(csv.size() - 1, shots.size(), v.getString(0));
            for (int i = 0; i < shots.size(); i++) {
                String[] f = csv.get(i + 1).split(",");
                Row s = shots.get(i);
                assertEquals(v.getString(1), s.getString(0));
                assertEquals(Integer.parseInt(f[0]), s.getInt(1));
                assertEquals(Double.parseDouble(f[1]), s.getDouble(2));
                assertEquals(Double.parseDouble(f[2]), s.getDouble(3));
                assertEquals(Integer.parseInt(f[3]), s.getInt(4));
                assertEquals(Integer.parseInt(f[4]), s.getInt(5));
                assertEquals(Double.parseDouble(f[6]), s.getDouble(6));
                assertEquals(f[7].equals("1"), s.getBoolean(7));
            }
            total += shots.size();
        }
        assertEquals(total, sql("SELECT * FROM " + table(out, "shots")).size(), "no shot row of another video");
    }

    @Test
    void indexPageListsEveryVideoAndLinksEachReport() throws IOException {
        String html = Files.readString(out.resolve(IndexPage.FILE));
        for (VideoResult r : first.results()) {
            assertTrue(html.contains(IndexPage.escape(r.video().path())), r.video().path());
            if (r.ok()) {
                String folder = Path.of(r.video().output()).getFileName().toString();
                assertTrue(html.contains("href=\"" + IndexPage.link(folder) + "/report.html\""), folder);
                String decoded = java.net.URLDecoder.decode(IndexPage.link(folder), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(Files.isRegularFile(out.resolve(decoded).resolve("report.html")), decoded);
            } else {
                assertTrue(html.contains(IndexPage.escape(r.video().error())));
            }
        }
    }

    @Test
    void theCheckpointIsLoadedOncePerTaskSlotNotPerVideo() {
        assertTrue(openedByFirst >= 1 && openedByFirst <= 2, "pipelines opened for 8 videos at local[2]: "
                + openedByFirst);
    }

    @Test
    void secondRunRedoesNothingAndAddsNoRow() throws IOException {
        Path again = dir.resolve("again");
        BatchJob.run(spark, request(again), BatchListener.NONE);
        Map<Path, FileTime> before = times(again);
        List<Row> videosBefore = sortedRows(again, "videos");
        List<Row> shotsBefore = sortedRows(again, "shots");
        BatchJob.Report second = BatchJob.run(spark, request(again), BatchListener.NONE);
        assertEquals(8, second.reused(), "every video reused, failures included");
        assertEquals(before, times(again), "no video's folder rewritten");
        assertEquals(videosBefore, sortedRows(again, "videos"));
        assertEquals(shotsBefore, sortedRows(again, "shots"));
    }

    @Test
    void aVideoAddedToTheInputIsDoneOnTheNextRunAndOnlyIt() throws IOException {
        Path extraLibrary = dir.resolve("growing");
        Files.createDirectories(extraLibrary);
        Files.copy(library.resolve("a.mp4"), extraLibrary.resolve("a.mp4"));
        Path o = dir.resolve("growing-out");
        BatchJob.Request req = new BatchJob.Request(extraLibrary, o, BatchFixtures.spec(ckpt), false);
        BatchJob.run(spark, req, BatchListener.NONE);
        Files.copy(library.resolve("long.mp4"), extraLibrary.resolve("long.mp4"));
        BatchJob.Report r = BatchJob.run(spark, req, BatchListener.NONE);
        assertEquals(1, r.reused());
        assertEquals(2, r.ok());
        assertEquals(2, sql("SELECT * FROM " + table(o, "videos")).size());
    }

    @Test
    void aListFileWorksAndAMissingListedFileIsAFailedRow() throws IOException {
        Path list = Files.writeString(dir.resolve("list é.txt"), "library/sub dir é/a.mp4\nlibrary/gone.mp4\n");
        Path o = dir.resolve("listed");
        BatchJob.Report r = BatchJob.run(spark, new BatchJob.Request(list, o, BatchFixtures.spec(ckpt), false),
                BatchListener.NONE);
        assertEquals(1, r.ok());
        List<Row> failed = sql("SELECT path, error FROM " + table(o, "videos") + " WHERE status = 'failed'");
        assertEquals(1, failed.size());
        assertEquals(path("gone.mp4"), failed.get(0).getString(0));
        assertTrue(failed.get(0).getString(1).endsWith("gone.mp4: file not found"), failed.get(0).getString(1));
    }

    @Test
    void changedOptionsRedoTheVideos() {
        Path o = dir.resolve("ratio");
        Path one = dir.resolve("one.txt");
        try {
            Files.writeString(one, library.resolve("a.mp4") + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        BatchJob.run(spark, new BatchJob.Request(one, o, BatchFixtures.spec(ckpt), false), BatchListener.NONE);
        PipelineSpec other = PipelineSpec.of(BatchFixtures.spec(ckpt).settings(), null, 0.6);
        BatchJob.Report r = BatchJob.run(spark, new BatchJob.Request(one, o, other, false), BatchListener.NONE);
        assertEquals(0, r.reused());
        assertEquals(0.6, sql("SELECT ratio FROM " + table(o, "videos")).get(0).getDouble(0));
    }

    @Test
    void sparkTaskRetriesDoNotDuplicateRows() throws IOException {
        // local[2,4]: a failed task is retried up to 4 times. Each task fails once AFTER committing its video, as
        // when an executor is lost between the commit and the task's end; the retry redoes or reuses the video.
        Path o = dir.resolve("retried");
        spark.stop();
        spark = BatchSessions.create("local[2,4]", Map.of());
        try {
            BatchJob.Request req = request(o);
            BatchJob.run(spark, req, BatchListener.NONE); // the committed results to compare with
            List<Row> expected = sortedRows(o, "videos");
            ResultStore store = new ResultStore(o);
            PipelineSpec spec = BatchFixtures.spec(ckpt);
            BatchContext ctx = BatchContext.of(spec, o, false);
            List<VideoItem> items = BatchJob.items(library, VideoInputs.list(library).videos());
            for (VideoItem item : items) {
                Files.delete(store.dir().resolve(item.folder() + ".json")); // force real work in the retried tasks
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            BatchJob.Counters counters = new BatchJob.Counters(jsc);
            BatchJob.RunVideos task = new BatchJob.RunVideos(ctx, counters);
            jsc.parallelize(items, items.size()).foreachPartition(it -> {
                task.call(it);
                if (TaskContext.get().attemptNumber() == 0) {
                    throw new IllegalStateException("simulated loss of the executor after the commit");
                }
            });
            assertEquals(8, counters.done.value(), "each video counted once, retries included");
            try (Stream<Path> results = Files.list(store.dir())) {
                assertEquals(8, results.count(), "one committed result per video");
            }
            BatchJob.Report r = BatchJob.run(spark, req, BatchListener.NONE);
            assertEquals(8, r.reused());
            assertEquals(withoutSeconds(expected), withoutSeconds(sortedRows(o, "videos")));
        } finally {
            spark.stop();
            spark = BatchSessions.create("local[2]", Map.of());
        }
    }

    @Test
    void runKilledPartWayAndRerunEqualsAnUninterruptedRun() throws Exception {
        Path o = dir.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true"));
        for (String p : List.of("java.lang", "java.lang.invoke", "java.nio", "java.util", "sun.nio.ch",
                "sun.util.calendar")) {
            cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), "sspvs.spark.cli.BatchMain", library.toString(), "--out",
                o.toString(), "--master", "local[2]", "--quiet"));
        cmd.addAll(BatchFixtures.options(ckpt));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        Path results = new ResultStore(o).dir();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count(results) < 2 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        child.waitFor();
        long committed = count(results);
        assertTrue(committed >= 2 && committed < 8, "killed part-way: " + committed + " results committed; log: "
                + Files.readString(dir.resolve("killed.log")));
        assertFalse(Files.exists(o.resolve(IndexPage.FILE)), "the killed run never got to its tables");

        BatchJob.Report rerun = BatchJob.run(spark, request(o), BatchListener.NONE);
        assertEquals(committed, rerun.reused(), "what the killed run committed is reused");
        assertEquals(withoutSeconds(sortedRows(out, "videos")), withoutSeconds(sortedRows(o, "videos")));
        assertEquals(sortedRows(out, "shots"), sortedRows(o, "shots"));
        try (Stream<Path> entries = Files.list(o)) {
            List<String> hidden = entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))
                    .sorted().toList();
            assertEquals(List.of(".sspvs-batch", ".sspvs-output"), hidden, "no temporary left behind");
        }
    }

    /** Rows sorted by their text, with the run-dependent output folder reduced to its name. */
    static List<Row> sortedRows(Path o, String name) {
        return spark.read().parquet(BatchTables.uri(o.resolve(name))).collectAsList().stream()
                .map(r -> name.equals("videos") ? withFolderName(r) : r)
                .sorted(java.util.Comparator.comparing(Row::toString)).toList();
    }

    private static Row withFolderName(Row r) {
        Object[] v = new Object[r.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.get(i);
        }
        String output = r.getString(13);
        v[13] = output.isEmpty() ? "" : Path.of(output).getFileName().toString();
        return org.apache.spark.sql.RowFactory.create(v);
    }

    /** Rows without the wall time (which differs from run to run). */
    static List<String> withoutSeconds(List<Row> rows) {
        return rows.stream().map(r -> {
            Object[] v = new Object[r.length()];
            for (int i = 0; i < v.length; i++) {
                v[i] = i == 12 ? null : r.get(i);
            }
            return java.util.Arrays.toString(v);
        }).sorted().toList();
    }

    private static long count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .count();
        }
    }

    private static Map<Path, FileTime> times(Path o) throws IOException {
        Map<Path, FileTime> t = new HashMap<>();
        try (Stream<Path> walk = Files.walk(o)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && !p.startsWith(o.resolve("videos")) && !p.startsWith(o.resolve("shots"))
                        && !p.getFileName().toString().equals(IndexPage.FILE)) {
                    t.put(o.relativize(p), Files.getLastModifiedTime(p));
                }
            }
        }
        assertNotEquals(0, t.size());
        return t;
    }
}
