package sspvs.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;
import sspvs.UserException;
import sspvs.summarize.SummarizePipeline;
import sspvs.summarize.SummarizeRequest;

/**
 * Runs queued jobs, {@code workers} at a time. The pipeline is not thread-safe, so each worker thread opens its own
 * (on its first job: an idle server holds no model) and keeps it for the jobs after.
 */
public final class JobWorkers implements AutoCloseable {
    private static final String STOP = "";
    private final JobStore store;
    private final Supplier<SummarizePipeline> pipelines;
    private final ServerListener events;
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();

    public JobWorkers(JobStore store, int workers, Supplier<SummarizePipeline> pipelines, ServerListener events) {
        if (workers < 1) {
            throw new UserException("a server needs at least 1 worker, got " + workers);
        }
        this.store = store;
        this.pipelines = pipelines;
        this.events = events;
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, "sspvs-worker-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        store.queued().forEach(s -> queue.add(s.id())); // queued before a restart: run them now
    }

    /** Queues a job whose status is already recorded as queued. */
    public void submit(String id) {
        queue.add(id);
    }

    private void work() {
        SummarizePipeline pipeline = null;
        try {
            while (true) {
                String id = queue.take();
                if (id.equals(STOP)) {
                    return;
                }
                JobStatus s = store.get(id).orElse(null);
                if (s == null || s.state() != JobState.QUEUED) {
                    continue; // deleted while it waited
                }
                if (pipeline == null) {
                    try {
                        pipeline = pipelines.get();
                    } catch (RuntimeException e) {
                        fail(s, e);
                        continue;
                    }
                }
                try {
                    run(pipeline, s);
                } catch (RuntimeException | Error e) { // a fault outside the job's own: the worker lives on
                    events.internalError("worker, job " + id, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    private void run(SummarizePipeline pipeline, JobStatus queued) {
        String id = queued.id();
        JobProgress progress = new JobProgress(store, queued.running("decode + features", 0, null), events);
        if (!store.claim(progress.current())) {
            return; // deleted between the queue and here
        }
        try {
            pipeline.summarize(new SummarizeRequest(store.folder(id).orElseThrow().resolve(Uploads.fileName(queued)),
                    store.outputs(id), queued.ratio(), null, progress));
            JobStatus done = progress.current().done(System.currentTimeMillis());
            store.put(done);
            events.jobEnded(done);
        } catch (RuntimeException | Error e) {
            fail(progress.current(), e);
        }
    }

    /** Records the failure: a user's (not a video, damaged) as its one line, anything else as an internal error. */
    private void fail(JobStatus s, Throwable e) {
        String reason;
        if (e instanceof UserException) {
            reason = Uploads.withoutServerPaths(e.getMessage(), store.root(), s.videoName());
        } else {
            reason = "internal error (" + e.getClass().getSimpleName() + "); see the server's log";
            events.internalError("job " + s.id(), e);
        }
        JobStatus failed = s.failed(reason, System.currentTimeMillis());
        if (store.get(s.id()).isPresent()) {
            store.put(failed);
        }
        events.jobEnded(failed);
    }

    /** Lets running jobs finish their current video, then stops the workers and frees their pipelines. */
    @Override
    public void close() {
        queue.clear();
        threads.forEach(t -> queue.add(STOP));
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
