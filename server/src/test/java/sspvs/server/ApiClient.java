package sspvs.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A test's HTTP client for one server: multipart uploads, JSON reads and a bounded wait for a job to end. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNDARY = "sspvs-test-boundary-7f3a";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Map<String, String> headers;

    ApiClient(int port, Map<String, String> headers) {
        this.base = "http://127.0.0.1:" + port;
        this.headers = headers;
    }

    ApiClient(int port) {
        this(port, Map.of());
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        headers.forEach(b::header);
        return b;
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The multipart form a browser sends: the file in {@code video}, and {@code ratio} when not null. */
    static byte[] form(String fileName, byte[] content, String ratio) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (ratio != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"ratio\"\r\n\r\n" + ratio
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"video\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    HttpResponse<byte[]> upload(String fileName, byte[] content, String ratio)
            throws IOException, InterruptedException {
        return send(request("/api/jobs").header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form(fileName, content, ratio))));
    }

    /** Polls the job until it is done or failed, for at most {@code seconds}; fails the test past that. */
    JsonNode awaitEnd(String id, double seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            JsonNode j = json(get("/api/jobs/" + id));
            String s = j.get("status").asText();
            if (s.equals("done") || s.equals("failed")) {
                return j;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " did not end within " + seconds + " s");
    }
}
