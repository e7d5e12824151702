package sspvs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

/** The job store's lifecycle rules: claim and delete decided together, and what a restart does to each state. */
class JobStoreTest {
    @TempDir
    Path dir;

    private static JobStatus queuedJob(JobStore store, long created) {
        JobStatus q = JobStatus.queued(store.newJobFolder(), "clip.mp4", 6.0, "mp4", 0.15, created);
        store.put(q);
        return q;
    }

    @Test
    void aJobDeletedWhileQueuedIsNeverClaimed() throws IOException {
        JobStore store = JobStore.open(dir.resolve("data"));
        JobStatus q = queuedJob(store, 1);
        assertTrue(store.deleteUnlessRunning(q.id()));
        assertFalse(store.claim(q.running("decode + features", 0, null)), "a deleted job is not started");
        assertTrue(store.get(q.id()).isEmpty());
        assertFalse(Files.exists(dir.resolve("data/jobs").resolve(q.id())), "and no status file is written back");
    }

    @Test
    void aClaimedJobIsNotDeletedUnderItsWorkerAndIsClaimedOnce() throws IOException {
        JobStore store = JobStore.open(dir.resolve("data"));
        JobStatus q = queuedJob(store, 1);
        assertTrue(store.claim(q.running("decode + features", 0, null)));
        assertFalse(store.claim(q.running("decode + features", 0, null)), "a second worker does not run it");
        assertFalse(store.deleteUnlessRunning(q.id()));
        assertEquals(JobState.RUNNING, store.get(q.id()).orElseThrow().state());
        assertTrue(Files.isRegularFile(dir.resolve("data/jobs").resolve(q.id()).resolve(JobStore.STATUS)));
    }

    @Test
    void aRestartFailsRunningJobsKeepsDoneOnesAndRequeuesQueuedOnesOldestFirst() {
        Path data = dir.resolve("data");
        JobStore store = JobStore.open(data);
        JobStatus running = queuedJob(store, 1);
        store.claim(running.running("shots", 0.5, 2.0));
        JobStatus done = queuedJob(store, 2);
        store.put(done.done(3));
        JobStatus older = queuedJob(store, 4);
        JobStatus newer = queuedJob(store, 5);
        store.close();

        JobStore reopened = JobStore.open(data);
        JobStatus stopped = reopened.get(running.id()).orElseThrow();
        assertEquals(JobState.FAILED, stopped.state());
        assertEquals(JobStore.STOPPED, stopped.error());
        assertEquals(JobState.DONE, reopened.get(done.id()).orElseThrow().state());
        assertEquals(List.of(older.id(), newer.id()), reopened.queued().stream().map(JobStatus::id).toList());
        assertEquals(List.of(newer.id(), older.id(), done.id(), running.id()),
                reopened.list().stream().map(JobStatus::id).toList(), "newest first");
        reopened.close();
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefusedUntilTheFirstCloses() {
        Path data = dir.resolve("data");
        JobStore first = JobStore.open(data);
        UserException e = assertThrows(UserException.class, () -> JobStore.open(data));
        assertTrue(e.getMessage().contains("in use by another sspvs serve"), e.getMessage());
        first.close();
        JobStore.open(data).close();
    }

    @Test
    void whatAnInterruptedUploadLeftIsRemovedAndJobsAreKept() throws IOException {
        Path data = dir.resolve("data");
        JobStore store = JobStore.open(data);
        JobStatus kept = queuedJob(store, 1);
        String half = store.newJobFolder(); // an upload the server died during: no status file
        Files.writeString(store.jobFolder(half).resolve("upload.mp4"), "partial");
        Files.writeString(store.incoming().resolve("MultiPart123.tmp"), "spooled form");
        store.close();

        try (JobStore reopened = JobStore.open(data)) {
            assertFalse(Files.exists(data.resolve("jobs").resolve(half)));
            try (var left = Files.list(reopened.incoming())) {
                assertEquals(0, left.count());
            }
            assertTrue(reopened.get(kept.id()).isPresent());
            assertTrue(Files.isRegularFile(reopened.jobFolder(kept.id()).resolve(JobStore.STATUS)));
        }
    }
}
