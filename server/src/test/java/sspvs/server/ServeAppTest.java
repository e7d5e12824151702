package sspvs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

/**
 * The JSON API against a real server on a free loopback port (2 workers, a tiny model, 6 s generated videos): the
 * happy path and every file, bad uploads, traversal, limits, concurrency, restart and the token.
 */
class ServeAppTest {
    @TempDir
    static Path dir;
    static Path checkpoint;
    static byte[] video;
    static ServeApp server;
    static ApiClient api;

    @BeforeAll
    static void start() throws IOException {
        checkpoint = ServeFixtures.checkpoint(dir.resolve("tiny.ckpt"));
        video = Files.readAllBytes(ServeFixtures.video(dir.resolve("clip.mp4")));
        server = ServeApp.start(dir.resolve("data"), options(2, 64, null), ServeFixtures.pipelines(checkpoint),
                ServerListener.NONE);
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static ServeApp.Options options(int workers, long maxMb, String token) {
        return new ServeApp.Options("127.0.0.1", 0, maxMb * 1024 * 1024, workers, token);
    }

    /** Uploads the generated clip and waits for its end; returns the finished job. */
    static JsonNode summarised(ApiClient client, String name) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = client.upload(name, video, "0.3");
        assertEquals(202, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        JsonNode body = ApiClient.json(r);
        assertEquals("queued", body.get("status").asText());
        return client.awaitEnd(body.get("id").asText(), 90);
    }

    @Test
    void aGeneratedVideoRunsToDoneAndEveryFileDownloads() throws Exception {
        JsonNode job = summarised(api, "my clip.mp4");
        try (var spooled = Files.list(server.store().incoming())) {
            assertEquals(0, spooled.count(), "the upload was moved into its job, not left in incoming/");
        }
        String stored = Uploads.fileName(server.store().get(job.get("id").asText()).orElseThrow());
        assertArrayEquals(video, Files.readAllBytes(server.store().folder(job.get("id").asText()).orElseThrow()
                .resolve(stored)), "the job holds the uploaded bytes");
        assertEquals("done", job.get("status").asText(), job.toString());
        assertEquals(1.0, job.get("progress").asDouble());
        assertTrue(job.get("error").isNull());
        assertEquals("my clip.mp4", job.get("video").get("name").asText());
        assertEquals(6.0, job.get("video").get("duration_s").asDouble(), 0.2);
        assertEquals(0.3, job.get("ratio").asDouble());
        JsonNode files = job.get("files");
        assertEquals(Set.of("summary.mp4", "shots.csv", "summary.json", "report.html", "features.h5"),
                fieldNames(files));
        Path out = server.store().outputs(job.get("id").asText());
        for (String name : fieldNames(files)) {
            HttpResponse<byte[]> r = api.get(files.get(name).asText());
            assertEquals(200, r.statusCode(), name);
            assertArrayEquals(Files.readAllBytes(out.resolve(name)), r.body(), name);
        }
        JsonNode summary = ApiClient.json(api.get(files.get("summary.json").asText()));
        assertTrue(summary.has("selection"), "summary.json is summarize's");
        // the video seeks: a range request gets exactly that range
        HttpResponse<byte[]> part = api.send(api.request(files.get("summary.mp4").asText()).header("Range",
                "bytes=100-199").GET());
        assertEquals(206, part.statusCode());
        assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(out.resolve("summary.mp4")), 100, 200), part.body());
        // listed, newest first, and the page for it exists
        JsonNode list = ApiClient.json(api.get("/api/jobs"));
        assertTrue(list.get("jobs").findValuesAsText("id").contains(job.get("id").asText()));
        assertEquals(200, api.get("/jobs/" + job.get("id").asText()).statusCode());
        assertEquals(200, api.get("/").statusCode());
        assertEquals("3.0.3", ApiClient.json(api.get("/api/openapi.json")).get("openapi").asText());
    }

    @Test
    void notAVideoTruncatedAndEmptyUploadsEndFailedWithReasonsOrAre400() throws Exception {
        HttpResponse<byte[]> text = api.upload("notes.mp4", "not a video\n".repeat(100).getBytes(), null);
        assertEquals(422, text.statusCode());
        JsonNode failed = ApiClient.json(text);
        assertEquals("failed", failed.get("status").asText());
        String reason = failed.get("error").asText();
        assertTrue(reason.startsWith("not a video: notes.mp4"), reason);
        assertFalse(reason.contains(dir.toString()), "no server paths in reasons: " + reason);
        assertEquals("failed", ApiClient.json(api.get("/api/jobs/" + failed.get("id").asText())).get("status")
                .asText(), "the failure is a job the page can show");

        HttpResponse<byte[]> cut = api.upload("cut.mp4", Arrays.copyOf(video, video.length / 3), null);
        JsonNode end = cut.statusCode() == 202 ? api.awaitEnd(ApiClient.json(cut).get("id").asText(), 90)
                : ApiClient.json(cut);
        assertEquals("failed", end.get("status").asText(), end.toString());
        assertFalse(end.get("error").asText().isBlank());
        assertFalse(end.get("error").asText().contains(dir.toString()), end.get("error").asText());

        HttpResponse<byte[]> empty = api.upload("empty.mp4", new byte[0], null);
        assertEquals(400, empty.statusCode());
        assertEquals("the uploaded video is empty", ApiClient.json(empty).get("error").asText());

        HttpResponse<byte[]> badRatio = api.upload("clip.mp4", video, "2");
        assertEquals(400, badRatio.statusCode());
        assertTrue(ApiClient.json(badRatio).get("error").asText().startsWith("ratio must be"));

        HttpResponse<byte[]> notForm = api.send(api.request("/api/jobs").header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofByteArray(video)));
        assertEquals(400, notForm.statusCode());
    }

    @Test
    void traversalAttemptsGet4xxAndNeverAFileOutsideTheJob() throws Exception {
        JsonNode job = summarised(api, "clip.mp4");
        String id = job.get("id").asText();
        Path secret = server.store().root().resolve("secret.txt");
        Files.writeString(secret, "SECRET-CONTENT");
        Files.writeString(server.store().folder(id).orElseThrow().resolve("status-copy.txt"), "SECRET-CONTENT");
        List<String> attacks = List.of("../../secret.txt", "..%2f..%2fsecret.txt", "%2e%2e%2f%2e%2e%2fsecret.txt",
                "%2e%2e/status-copy.txt", "..%252fstatus-copy.txt", "%2fetc%2fpasswd", "/etc/passwd",
                "upload.mp4", "..", "%2e%2e", "summary.json%00.txt", "..%5c..%5csecret.txt");
        for (String a : attacks) {
            HttpResponse<byte[]> r = api.get("/api/jobs/" + id + "/files/" + a);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, a + " -> " + r.statusCode());
            assertFalse(body.contains("SECRET-CONTENT") || body.contains("root:"), a + " leaked " + body);
        }
        for (String a : List.of("/api/jobs/..%2f" + id + "/files/summary.json", "/api/jobs/%2e%2e/secret.txt")) {
            assertTrue(api.get(a).statusCode() >= 400 && api.get(a).statusCode() < 500, a);
        }
        // a symlink planted in the output folder is not followed
        Path csv = server.store().outputs(id).resolve("shots.csv");
        Files.delete(csv);
        Files.createSymbolicLink(csv, secret);
        HttpResponse<byte[]> link = api.get("/api/jobs/" + id + "/files/shots.csv");
        assertEquals(404, link.statusCode());
        assertFalse(new String(link.body(), StandardCharsets.UTF_8).contains("SECRET-CONTENT"));
    }

    @Test
    void anUnknownIdIs404WithAJsonErrorAndDeleteRemovesAJob() throws Exception {
        for (String path : List.of("/api/jobs/0123456789abcdef", "/api/jobs/nope", "/api/jobs/0123456789abcdef/files/"
                + "summary.json", "/jobs/0123456789abcdef", "/api/nothing")) {
            HttpResponse<byte[]> r = api.get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(ApiClient.json(r).get("error").isTextual(), path);
        }
        HttpResponse<byte[]> failed = api.upload("junk.mp4", "x".repeat(5000).getBytes(), null);
        String id = ApiClient.json(failed).get("id").asText();
        Path folder = server.store().folder(id).orElseThrow();
        assertEquals(204, api.send(api.request("/api/jobs/" + id).DELETE()).statusCode());
        assertFalse(Files.exists(folder));
        assertEquals(404, api.get("/api/jobs/" + id).statusCode());
        assertEquals(404, api.send(api.request("/api/jobs/" + id).DELETE()).statusCode());
    }

    @Test
    void anUploadOverTheLimitIs413WhetherDeclaredOrStreamed() throws Exception {
        try (ServeApp small = ServeApp.start(dir.resolve("small"), options(1, 1, null),
                ServeFixtures.pipelines(checkpoint), ServerListener.NONE)) {
            ApiClient client = new ApiClient(small.port());
            byte[] big = new byte[3 * 1024 * 1024];
            Arrays.fill(big, (byte) 7);
            HttpResponse<byte[]> declared = client.upload("big.mp4", big, null);
            assertEquals(413, declared.statusCode());
            assertTrue(ApiClient.json(declared).get("error").asText().contains("1 MB"));
            // no Content-Length: the limit is met while the form streams in
            HttpResponse<byte[]> streamed = client.send(client.request("/api/jobs")
                    .header("Content-Type", "multipart/form-data; boundary=sspvs-test-boundary-7f3a")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                            ApiClient.form("big.mp4", big, null)))));
            assertEquals(413, streamed.statusCode());
            assertEquals(0, small.store().list().size(), "no job for a refused upload");
            try (var left = Files.list(small.store().root().resolve("jobs"))) {
                assertEquals(0, left.count(), "nothing left on disk");
            }
        }
    }

    @Test
    void tenConcurrentUploadsAllReachDoneWithNoJobLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<JsonNode>> jobs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String name = "clip" + i + ".mp4";
                jobs.add(pool.submit(() -> summarised(api, name)));
            }
            Set<String> ids = new HashSet<>();
            for (Future<JsonNode> f : jobs) {
                JsonNode j = f.get();
                assertEquals("done", j.get("status").asText(), j.toString());
                ids.add(j.get("id").asText());
            }
            assertEquals(10, ids.size());
            Set<String> listed = new HashSet<>(ApiClient.json(api.get("/api/jobs")).get("jobs").findValuesAsText("id"));
            assertTrue(listed.containsAll(ids));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRestartKeepsDoneJobsAndMarksARunningOneFailed() throws Exception {
        Path data = dir.resolve("restart");
        String doneId;
        String runningId;
        try (ServeApp first = ServeApp.start(data, options(1, 64, null), ServeFixtures.pipelines(checkpoint),
                ServerListener.NONE)) {
            ApiClient client = new ApiClient(first.port());
            doneId = summarised(client, "kept.mp4").get("id").asText();
            // a job the server was running when it died: its status file still says so
            JsonNode other = ApiClient.json(client.upload("junk.mp4", "x".repeat(5000).getBytes(), null));
            runningId = other.get("id").asText();
            JobStatus s = first.store().get(runningId).orElseThrow();
            first.store().put(new JobStatus(s.id(), JobState.RUNNING, "shots", 0.6, 3.0, null, s.videoName(), 6.0,
                    s.uploadExtension(), s.ratio(), s.createdMillis(), null));
        }
        try (ServeApp second = ServeApp.start(data, options(1, 64, null), ServeFixtures.pipelines(checkpoint),
                ServerListener.NONE)) {
            ApiClient client = new ApiClient(second.port());
            JsonNode done = ApiClient.json(client.get("/api/jobs/" + doneId));
            assertEquals("done", done.get("status").asText());
            assertEquals(200, client.get(done.get("files").get("summary.mp4").asText()).statusCode());
            JsonNode stopped = ApiClient.json(client.get("/api/jobs/" + runningId));
            assertEquals("failed", stopped.get("status").asText());
            assertEquals(JobStore.STOPPED, stopped.get("error").asText());
            assertEquals(2, ApiClient.json(client.get("/api/jobs")).get("jobs").size());
        }
    }

    @Test
    void theDataFolderMustBeOursOrEmpty() throws IOException {
        Path someone = dir.resolve("someone");
        Files.createDirectories(someone);
        Files.writeString(someone.resolve("thesis.tex"), "mine");
        UserException e = org.junit.jupiter.api.Assertions.assertThrows(UserException.class, () -> ServeApp.start(
                someone, options(1, 64, null), ServeFixtures.pipelines(checkpoint), ServerListener.NONE));
        assertTrue(e.getMessage().contains(someone.toString()), e.getMessage());
        assertEquals("mine", Files.readString(someone.resolve("thesis.tex")));
    }

    @Test
    void withATokenEveryPageAndApiCallNeedsIt() throws Exception {
        try (ServeApp locked = ServeApp.start(dir.resolve("locked"), options(1, 64, "s3cret-token"),
                ServeFixtures.pipelines(checkpoint), ServerListener.NONE)) {
            ApiClient anonymous = new ApiClient(locked.port());
            for (String path : List.of("/", "/api/jobs", "/api/openapi.json", "/api/jobs/0123456789abcdef")) {
                assertEquals(401, anonymous.get(path).statusCode(), path);
            }
            assertEquals(401, anonymous.upload("clip.mp4", video, null).statusCode());
            assertEquals(401, new ApiClient(locked.port(), Map.of("X-Sspvs-Token", "wrong")).get("/api/jobs")
                    .statusCode());
            assertEquals(200, new ApiClient(locked.port(), Map.of("X-Sspvs-Token", "s3cret-token"))
                    .get("/api/jobs").statusCode());
            assertEquals(200, new ApiClient(locked.port(), Map.of("Authorization", "Bearer s3cret-token"))
                    .get("/api/jobs").statusCode());
            HttpResponse<byte[]> page = anonymous.get("/?token=s3cret-token");
            assertEquals(200, page.statusCode());
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.startsWith(AccessToken.COOKIE + "=s3cret-token"), cookie);
            assertEquals(200, new ApiClient(locked.port(), Map.of("Cookie", AccessToken.COOKIE + "=s3cret-token"))
                    .get("/api/jobs").statusCode());
            assertNotEquals(200, new ApiClient(locked.port(), Map.of("Cookie", AccessToken.COOKIE + "=nope"))
                    .get("/api/jobs").statusCode());
        }
    }

    /** One raw HTTP/1.1 request (the JDK client will not send a foreign Host); returns the status code. */
    private static int rawStatus(String method, String host, String origin) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            String request = method + " /api/jobs HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + (method.equals("POST") ? "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 0\r\n"
                            : "")
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void otherSitesAreRefusedByHostAndOrigin() throws IOException {
        String self = "127.0.0.1:" + server.port();
        assertEquals(200, rawStatus("GET", self, null));
        assertEquals(200, rawStatus("GET", "localhost:" + server.port(), null));
        assertEquals(200, rawStatus("GET", "[::1]:" + server.port(), null));
        // DNS rebinding: a page on attacker.example resolved to 127.0.0.1 sends its own name as the Host
        assertEquals(403, rawStatus("GET", "attacker.example:" + server.port(), null));
        assertEquals(403, rawStatus("GET", "127.0.0.1.nip.io:" + server.port(), null));
        // a form on another site posting here, and a sandboxed page's opaque origin
        assertEquals(403, rawStatus("POST", self, "http://attacker.example"));
        assertEquals(403, rawStatus("POST", self, "null"));
        assertEquals(403, rawStatus("DELETE", self, "http://localhost:1"));
        // this server's own page (same origin) goes through to the upload's own checks
        assertEquals(400, rawStatus("POST", self, "http://" + self));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
