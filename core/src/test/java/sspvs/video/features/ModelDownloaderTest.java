package sspvs.video.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sspvs.UserException;

class ModelDownloaderTest {
    @TempDir
    Path cache;
    HttpServer server;
    final byte[] payload = new byte[300_000];
    final AtomicInteger requests = new AtomicInteger();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    /** When positive, the next response stops after this many bytes and drops the connection. */
    volatile int cutAfter = -1;
    volatile boolean honourRanges = true;

    @BeforeEach
    void startServer() throws IOException {
        new Random(1).nextBytes(payload);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.onnx", this::serve);
        server.createContext("/missing.onnx", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            ranges.add(range);
            if (honourRanges) {
                from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            }
        }
        int length = payload.length - from;
        if (from > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (payload.length - 1) + "/"
                    + payload.length);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, length);
        OutputStream out = ex.getResponseBody();
        int cut = cutAfter;
        if (cut > 0) {
            cutAfter = -1;
            out.write(payload, from, cut);
            out.flush();
            // drop the connection mid-body: the client sees fewer bytes than Content-Length
            ex.getHttpContext().getServer().stop(0);
            return;
        }
        out.write(payload, from, length);
        out.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private ModelDownloader.ModelFile model(String sha) {
        return new ModelDownloader.ModelFile("model.onnx", url("/model.onnx"), sha, payload.length);
    }

    private String sha() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
    }

    @Test
    void downloadsVerifiesAndCaches() throws Exception {
        ModelDownloader d = new ModelDownloader(cache);
        Path p = d.fetch(model(sha()));
        assertArrayEquals(payload, Files.readAllBytes(p));
        assertEquals(cache.resolve("model.onnx"), p);
        assertFalse(Files.exists(cache.resolve("model.onnx.part")));
        d.fetch(model(sha()));
        assertEquals(1, requests.get(), "the second fetch uses the cache");
    }

    @Test
    void checksumMismatchKeepsNothing() {
        String wrong = "0".repeat(64);
        UserException e = assertThrows(UserException.class,
                () -> new ModelDownloader(cache).fetch(model(wrong)));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(Files.exists(cache.resolve("model.onnx")));
        assertFalse(Files.exists(cache.resolve("model.onnx.part")));
    }

    @Test
    void connectionCutMidBodyKeepsThePartAndResumes() throws Exception {
        cutAfter = 100_000;
        ModelDownloader d = new ModelDownloader(cache).timeout(Duration.ofSeconds(5));
        int port = server.getAddress().getPort();
        UserException e = assertThrows(UserException.class, () -> d.fetch(model(sha())));
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("model.onnx")), "no final file after a cut");
        Path part = cache.resolve("model.onnx.part");
        long kept = Files.size(part);
        assertTrue(kept > 0 && kept < payload.length, "partial bytes kept: " + kept);
        // the server comes back on the same port; the next fetch asks only for the rest
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/model.onnx", this::serve);
        server.start();
        Path p = d.fetch(model(sha()));
        assertArrayEquals(payload, Files.readAllBytes(p));
        assertEquals(List.of("bytes=" + kept + "-"), ranges);
        assertFalse(Files.exists(part));
    }

    @Test
    void serverIgnoringRangesStartsOver() throws Exception {
        Files.write(cache.resolve("model.onnx.part"), java.util.Arrays.copyOf(payload, 5000));
        honourRanges = false;
        Path p = new ModelDownloader(cache).fetch(model(sha()));
        assertArrayEquals(payload, Files.readAllBytes(p));
        assertEquals(List.of("bytes=5000-"), ranges);
    }

    @Test
    void damagedCachedFileIsFetchedAgain() throws Exception {
        Files.write(cache.resolve("model.onnx"), new byte[] {1, 2, 3});
        Path p = new ModelDownloader(cache).fetch(model(sha()));
        assertArrayEquals(payload, Files.readAllBytes(p));
        assertEquals(1, requests.get());
    }

    @Test
    void noServerListeningSaysSoAndWhereToPutTheFile() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        var m = new ModelDownloader.ModelFile("x.onnx", URI.create("http://127.0.0.1:" + freePort + "/x.onnx"),
                "a".repeat(64), 10);
        UserException e = assertThrows(UserException.class,
                () -> new ModelDownloader(cache).timeout(Duration.ofSeconds(3)).fetch(m));
        assertTrue(e.getMessage().contains("cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains(cache.resolve("x.onnx").toString()), e.getMessage());
    }

    @Test
    void httpErrorIsReported() {
        var m = new ModelDownloader.ModelFile("missing.onnx", url("/missing.onnx"), "b".repeat(64), -1);
        UserException e = assertThrows(UserException.class, () -> new ModelDownloader(cache).fetch(m));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void defaultCacheFollowsXdgOrHome() {
        Path dir = ModelDownloader.defaultCacheDir();
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path expected = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg, "sspvs")
                : Path.of(System.getProperty("user.home"), ".cache", "sspvs");
        assertEquals(expected, dir);
    }
}
