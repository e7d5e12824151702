package sspvs.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine's intra-op thread count, settable at run time (the {@code ai.djl.pytorch.num_threads}
 * property only acts at engine start). On a small shared machine one thread is often faster than several that
 * spin waiting for each other; results are reproducible for a fixed thread count.
 */
public final class EngineThreads {
    private EngineThreads() {}

    /** Sets the intra-op threads of libtorch (starting the engine if needed). */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
    }

    public static int get() {
        Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
