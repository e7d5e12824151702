package sspvs.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import sspvs.UserException;
import sspvs.io.AtomicFiles;
import sspvs.io.FolderLock;
import sspvs.io.OutputFolders;

/**
 * The jobs on disk under the data folder: {@code jobs/ID/status.json} (written atomically at every change),
 * {@code jobs/ID/upload.EXT} (the uploaded bytes) and {@code jobs/ID/out/} (what {@code summarize} writes). Opening
 * the store reads every job back; one that was running when the server stopped is marked failed, and queued ones
 * are handed back to be run again. One server at a time holds the folder ({@link FolderLock}): a second one would
 * mark the first's running jobs failed and run its queued ones twice.
 */
public final class JobStore implements AutoCloseable {
    /** The data folder's marker kind: only a folder the server made (or an empty one) is used. */
    public static final String KIND = "serve";
    /** Job ids: 16 lower-case hex digits. Anything else in a URL is not a job. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
    static final String STATUS = "status.json";
    static final String OUT = "out";
    public static final String STOPPED = "server stopped while running";

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    private final Path root;
    private final Path jobs;
    private final Map<String, JobStatus> statuses = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final FolderLock lock;

    private JobStore(Path root, FolderLock lock) {
        this.root = root;
        this.jobs = root.resolve("jobs");
        this.lock = lock;
    }

    /**
     * Opens (or creates) the data folder and reads its jobs.
     *
     * @throws UserException when {@code dir} is a file or a non-empty folder the server did not make, or another
     *     server is using it
     */
    public static JobStore open(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !KIND.equals(OutputFolders.kindOf(root))) {
            OutputFolders.checkReplaceable(root, KIND, java.util.Set.of()); // refuses a file or someone's folder
        }
        try {
            Files.createDirectories(root.resolve("jobs"));
            Files.createDirectories(root.resolve("incoming"));
        } catch (IOException e) {
            throw new UserException(root + ": cannot create the data folder (" + e.getMessage() + ")");
        }
        if (OutputFolders.kindOf(root) == null) {
            OutputFolders.mark(root, KIND);
        }
        JobStore store = new JobStore(root, FolderLock.acquire(root, "serve"));
        try {
            store.removeUnfinishedUploads();
            store.readBack();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * What a server stopped mid-upload left: the form parser's spool files in incoming/ and job folders that never
     * got a status file. Ours alone (the folder is locked), so they go.
     */
    private void removeUnfinishedUploads() {
        try (Stream<Path> spooled = Files.list(incoming()); Stream<Path> dirs = Files.list(jobs)) {
            for (Path f : (Iterable<Path>) spooled::iterator) {
                OutputFolders.deleteTree(f);
            }
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (ID.matcher(d.getFileName().toString()).matches()
                        && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) && !Files.exists(d.resolve(STATUS))) {
                    OutputFolders.deleteTree(d);
                }
            }
        } catch (IOException e) {
            throw new UserException(root + ": cannot clear unfinished uploads (" + e.getMessage() + ")");
        }
    }

    /** Lets another server open the folder. */
    @Override
    public void close() {
        lock.close();
    }

    private void readBack() {
        try (Stream<Path> dirs = Files.list(jobs)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String id = d.getFileName().toString();
                Path file = d.resolve(STATUS);
                if (!ID.matcher(id).matches() || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue; // a job whose upload never finished has no status file: not a job
                }
                JobStatus s = JSON.readValue(file.toFile(), JobStatus.class);
                if (s.state() == JobState.RUNNING) {
                    s = s.failed(STOPPED, System.currentTimeMillis());
                    write(s);
                }
                statuses.put(id, s);
            }
        } catch (IOException e) {
            throw new UserException(jobs + ": cannot read the jobs (" + e.getMessage() + ")");
        }
    }

    public Path root() {
        return root;
    }

    /** Where the web server keeps uploads while they stream in (same disk, so the move into a job is cheap). */
    public Path incoming() {
        return root.resolve("incoming");
    }

    /** A new job id and its (empty) folder; the job exists for readers only once {@link #put} records it. */
    public String newJobFolder() {
        while (true) {
            byte[] b = new byte[8];
            random.nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            try {
                Files.createDirectory(jobs.resolve(id));
                return id;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // drawn twice: draw again
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** The job's folder, or empty for anything that is not a job id (so no URL text ever reaches a path). */
    public Optional<Path> folder(String id) {
        return id != null && ID.matcher(id).matches() && statuses.containsKey(id) ? Optional.of(jobs.resolve(id))
                : Optional.empty();
    }

    /** A folder {@link #newJobFolder} made (the job may not be recorded yet). */
    Path jobFolder(String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a job id: " + id);
        }
        return jobs.resolve(id);
    }

    /** The job's output folder (filled when it is done). */
    public Path outputs(String id) {
        return jobs.resolve(id).resolve(OUT);
    }

    /** Records a job's new status, on disk first. */
    public synchronized void put(JobStatus status) {
        write(status);
        statuses.put(status.id(), status);
    }

    private void write(JobStatus status) {
        try {
            AtomicFiles.writeString(jobs.resolve(status.id()).resolve(STATUS), JSON.writeValueAsString(status));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Optional<JobStatus> get(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(statuses.get(id));
    }

    /** Every job, newest first. */
    public List<JobStatus> list() {
        List<JobStatus> all = new ArrayList<>(statuses.values());
        all.sort(Comparator.comparingLong(JobStatus::createdMillis).reversed().thenComparing(JobStatus::id));
        return all;
    }

    /** The queued jobs, oldest first: what a restarted server runs again. */
    public List<JobStatus> queued() {
        List<JobStatus> q = new ArrayList<>(list().stream().filter(s -> s.state() == JobState.QUEUED).toList());
        java.util.Collections.reverse(q);
        return q;
    }

    /**
     * Moves a queued job to {@code running}, decided under the same lock as {@link #deleteUnlessRunning}: a job
     * deleted while it waited is not started (its folder is gone), and a started one cannot be deleted under its
     * worker.
     *
     * @return false when the job is gone or no longer queued
     */
    public synchronized boolean claim(JobStatus running) {
        JobStatus now = statuses.get(running.id());
        if (now == null || now.state() != JobState.QUEUED) {
            return false;
        }
        put(running);
        return true;
    }

    /** Forgets a job and deletes its folder (ours: ids are made here). */
    public synchronized void delete(String id) throws IOException {
        if (statuses.remove(id) != null) {
            OutputFolders.deleteTree(jobs.resolve(id));
        }
    }

    /**
     * {@link #delete}, unless the job is running (its worker writes into its folder).
     *
     * @return false, deleting nothing, when the job is running
     */
    public synchronized boolean deleteUnlessRunning(String id) throws IOException {
        JobStatus now = statuses.get(id);
        if (now != null && now.state() == JobState.RUNNING) {
            return false;
        }
        delete(id);
        return true;
    }

    /** Deletes a folder {@link #newJobFolder} made for an upload that never became a job. */
    public void discardFolder(String id) {
        try {
            OutputFolders.deleteTree(jobs.resolve(id));
        } catch (IOException e) {
            // left behind without a status file: ignored on the next start
        }
    }
}
