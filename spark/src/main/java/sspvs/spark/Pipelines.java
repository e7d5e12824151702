package sspvs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import sspvs.summarize.ProgressListener;
import sspvs.summarize.SummarizePipeline;

/**
 * The pipelines this JVM holds, so a Spark executor loads the checkpoint and the feature model once, not once per
 * video: keyed by {@link PipelineSpec#key()}, opened on first use and kept for every later task of the JVM.
 *
 * <p>A pipeline is not thread-safe, and an executor runs as many tasks at once as it has task slots
 * ({@code spark.executor.cores / spark.task.cpus}): each running task borrows an idle pipeline or opens one, and
 * gives it back when its video is done. So an executor holds at most one pipeline per slot, each reused for all the
 * videos its slot handles; the native memory a video needs is freed when it is done, so it stays bounded however
 * many videos a task handles.
 */
public final class Pipelines {
    private static final Map<String, ConcurrentLinkedDeque<SummarizePipeline>> IDLE = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong OPENED = new java.util.concurrent.atomic.AtomicLong();

    private Pipelines() {}

    /** Runs {@code work} with a pipeline for {@code spec} that no other thread uses meanwhile. */
    public static <T> T with(PipelineSpec spec, ProgressListener loadListener, Function<SummarizePipeline, T> work) {
        ConcurrentLinkedDeque<SummarizePipeline> idle = IDLE.computeIfAbsent(spec.key(),
                k -> new ConcurrentLinkedDeque<>());
        SummarizePipeline pipeline = idle.pollFirst();
        if (pipeline == null) {
            pipeline = SummarizePipeline.open(spec.settings(), loadListener);
            OPENED.incrementAndGet();
        }
        try {
            return work.apply(pipeline);
        } finally {
            idle.addFirst(pipeline);
        }
    }

    /** How many pipelines this JVM has opened so far (each loads the checkpoint once). */
    public static long opened() {
        return OPENED.get();
    }

    /**
     * Closes every idle pipeline: the driver calls it at the end of a local run, where it is also the executor;
     * a cluster's executors free theirs when they exit.
     */
    public static void closeAll() {
        List<SummarizePipeline> all = new ArrayList<>();
        for (ConcurrentLinkedDeque<SummarizePipeline> idle : IDLE.values()) {
            for (SummarizePipeline p; (p = idle.pollFirst()) != null; ) {
                all.add(p);
            }
        }
        for (SummarizePipeline p : all) {
            p.close();
        }
    }
}
