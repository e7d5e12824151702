package sspvs.train;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Gives the C allocator's free pages back to the kernel, once an epoch. The launcher keeps freed tensor memory for
 * reuse (a warm buffer is far faster than fresh pages: docs/memory.md); tensors of other shapes (the last, smaller
 * batch, evaluation's full-length videos) leave free memory that would be kept too. Releasing it once an epoch
 * returns that while the steps inside the epoch keep reusing warm memory.
 *
 * <p>Under jemalloc (the launcher preloads Debian's libjemalloc2 where installed, with purging left to us) this
 * purges every arena ({@code mallctl("arena.4096.purge")}); under glibc alone it is {@code malloc_trim(0)}. A
 * no-op (false) where neither is found (macOS, musl, Windows).
 */
public final class NativeHeap {
    /** jemalloc's MALLCTL_ARENAS_ALL: the purge applies to every arena. */
    private static final String PURGE_ALL_ARENAS = "arena.4096.purge";
    private static final Function MALLCTL = lookUp("mallctl");
    private static final Function TRIM = MALLCTL != null ? null : lookUp("malloc_trim");

    private NativeHeap() {}

    /**
     * Once an epoch, after its checkpoints are saved: a garbage collection first, so that the direct buffers the
     * epoch left for the collector (DJL's inputs and constants, each holding C memory until collected) are found
     * now (the JDK's cleaner thread frees their memory soon after) rather than at some later collection, then
     * {@link #releaseFreed} returns the allocator's free pages. The launcher's serial collector may also
     * shrink a heap the saves grew, but only step by step (docs/memory.md: pre-training's peak went from 2.61 to
     * 2.55 GB). A full collection of a heap this size takes well under a second; an epoch takes many.
     */
    public static boolean releaseAfterEpoch() {
        System.gc();
        return releaseFreed();
    }

    /** Returns the allocator's free pages to the kernel; true when jemalloc's purge or glibc's trim ran. */
    public static boolean releaseFreed() {
        if (MALLCTL != null) {
            return MALLCTL.invokeInt(new Object[] {PURGE_ALL_ARENAS, Pointer.NULL, Pointer.NULL, Pointer.NULL, 0L})
                    == 0;
        }
        if (TRIM == null) {
            return false;
        }
        TRIM.invokeInt(new Object[] {0L});
        return true;
    }

    /** Which allocator {@link #releaseFreed} talks to: "jemalloc", "glibc" or "none". */
    public static String allocator() {
        return MALLCTL != null ? "jemalloc" : TRIM != null ? "glibc" : "none";
    }

    private static Function lookUp(String name) {
        try {
            return NativeLibrary.getProcess().getFunction(name);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null; // this allocator is not in the process
        }
    }
}
