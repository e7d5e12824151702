package sspvs.video.features;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;


import sspvs.UserException;

/**
 * Fetches a model file from its public URL on first use and keeps it in the user's cache folder
 * ({@code $XDG_CACHE_HOME/sspvs}, else {@code ~/.cache/sspvs}).
 *
 * <p><b>Never a half file.</b> Bytes go to {@code NAME.part} beside the target; only when the whole file is
 * there and its SHA-256 equals the expected one is it moved to {@code NAME} (atomic rename). A transfer that
 * breaks off keeps the {@code .part} file and the next call resumes it with an HTTP range request (or starts
 * over where the server ignores ranges); a checksum mismatch deletes it. A cached file is re-hashed on every
 * use, so a file damaged on disk is fetched again rather than fed to the model. A lock on the {@code .part}
 * file keeps two processes from writing it at once.
 *
 * <p>Every failure is a {@link UserException} saying what happened, the URL and where to put the file by hand
 * (machines without internet).
 */
public final class ModelDownloader {
    /**
     * A downloadable file.
     *
     * @param fileName name in the cache folder
     * @param url      where it is published
     * @param sha256   expected SHA-256, lower-case hex
     * @param size     expected size in bytes, or -1 if not known
     */
    public record ModelFile(String fileName, URI url, String sha256, long size) {
        public ModelFile {
            Objects.requireNonNull(url, "url");
            if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")) {
                throw new IllegalArgumentException("file name must be a plain name, got " + fileName);
            }
            if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 hex digits, got " + sha256);
            }
            sha256 = sha256.toLowerCase(Locale.ROOT);
        }
    }

    private static final int BUFFER = 1 << 16;

    private final Path cacheDir;
    private Progress progress = Progress.NONE;
    private Duration timeout = Duration.ofSeconds(30);

    public ModelDownloader(Path cacheDir) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    }

    /** A downloader using {@link #defaultCacheDir()}. */
    public static ModelDownloader inUserCache() {
        return new ModelDownloader(defaultCacheDir());
    }

    /** {@code $XDG_CACHE_HOME/sspvs} if that variable is set to an absolute path, else {@code ~/.cache/sspvs}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "sspvs");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sspvs");
    }

    /** Hears how far a download is; this class never prints. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (file, done, total) -> { };

        /** {@code done} of {@code total} bytes of {@code fileName} are here ({@code total} -1 when unknown). */
        void bytes(String fileName, long done, long total);
    }

    /** Where download progress goes (default: nowhere). */
    public ModelDownloader progress(Progress value) {
        this.progress = Objects.requireNonNull(value, "progress");
        return this;
    }

    /** Time allowed to connect and between received chunks (default 30 s). */
    public ModelDownloader timeout(Duration value) {
        this.timeout = Objects.requireNonNull(value, "timeout");
        return this;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** Where the file lives once fetched. */
    public Path pathOf(ModelFile model) {
        return cacheDir.resolve(model.fileName());
    }

    /** The cached file, downloading (or resuming) it first if it is absent or damaged. */
    public Path fetch(ModelFile model) {
        Path target = pathOf(model);
        if (Files.isRegularFile(target)) {
            if (model.sha256().equals(sspvs.io.Sha256.of(target))) {
                return target;
            }
            deleteQuietly(target); // damaged on disk: fetch it again
        }
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UserException("cannot create the model cache folder " + cacheDir + ": " + e.getMessage(), e);
        }
        Path part = cacheDir.resolve(model.fileName() + ".part");
        try {
            try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(channel, part)) {
                download(model, part, channel);
            }
            String actual = sspvs.io.Sha256.of(part);
            if (!actual.equals(model.sha256())) {
                deleteQuietly(part);
                throw new UserException("checksum mismatch for " + model.url() + ": expected SHA-256 "
                        + model.sha256() + " but the downloaded file has " + actual
                        + "; the file at that address changed or was corrupted in transfer (nothing was kept)");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UserException("cannot write the model file " + part + ": " + e.getMessage(), e);
        }
    }

    private void download(ModelFile model, Path part, FileChannel channel) throws IOException {
        long have = channel.size();
        if (model.size() > 0 && have == model.size()) {
            return; // a complete .part from an interrupted move: just verify it
        }
        if (model.size() > 0 && have > model.size()) {
            channel.truncate(0);
            have = 0;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(model.url()).timeout(timeout).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
            throw new UserException("cannot connect to " + model.url().getHost() + " to download " + model.url()
                    + " (" + describe(e) + "); no network? Download it by other means and place it at "
                    + pathOf(model) + " (SHA-256 " + model.sha256() + ")", e);
        } catch (IOException e) {
            throw new UserException("download of " + model.url() + " failed: " + describe(e)
                    + "; check the network and run again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("download of " + model.url() + " was interrupted", e);
        }
        int status = response.statusCode();
        boolean resumed = status == 206;
        if (status == 416 && have > 0) {
            response.body().close();
            return; // the server says we already have everything: verify
        }
        if (status != 200 && status != 206) {
            response.body().close();
            throw new UserException("download of " + model.url() + " failed: HTTP status " + status
                    + "; place the file by hand at " + pathOf(model) + " (SHA-256 " + model.sha256() + ")");
        }
        if (!resumed) {
            channel.truncate(0);
            have = 0;
        }
        channel.position(have);
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long expectedTotal = model.size() > 0 ? model.size() : declared >= 0 ? have + declared : -1;
        long received = have;
        progress.bytes(model.fileName(), received, expectedTotal);
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                java.nio.ByteBuffer chunk = java.nio.ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                received += n;
                progress.bytes(model.fileName(), received, expectedTotal);
            }
        } catch (IOException e) {
            channel.force(false);
            throw interrupted(model, received, expectedTotal, e);
        }
        channel.force(false);
        if (expectedTotal >= 0 && received < expectedTotal) {
            throw interrupted(model, received, expectedTotal, null);
        }
    }

    private UserException interrupted(ModelFile model, long received, long expectedTotal, IOException cause) {
        String of = expectedTotal >= 0 ? " of " + expectedTotal : "";
        return new UserException("download of " + model.url() + " was interrupted after " + received + of
                + " bytes" + (cause == null ? "" : " (" + describe(cause) + ")")
                + "; run again to resume (the partial file is kept at " + pathOf(model) + ".part)", cause);
    }

    private static FileLock tryLock(FileChannel channel, Path part) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new UserException("another process is downloading " + part + "; wait for it and run again");
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new UserException("this program is already downloading " + part, e);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: the next run overwrites it
        }
    }
}
