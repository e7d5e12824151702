package sspvs.train;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Gives the C heap's free pages back to the kernel ({@code malloc_trim(0)}, glibc). The launcher keeps freed tensor
 * memory in the heap for speed (a warm buffer is faster than a fresh mmap: docs/performance.md); tensors of other shapes (the last,
 * smaller batch, evaluation's full-length videos) then leave free holes that the heap keeps too, and resident
 * memory creeps up epoch by epoch. Trimming once an epoch returns those holes while the steps inside the epoch keep
 * reusing warm memory. A no-op (false) where there is no glibc (macOS, musl, Windows).
 */
public final class NativeHeap {
    private static final Function TRIM = lookUp();

    private NativeHeap() {}

    /** Returns the heap's free pages to the kernel; true when glibc's malloc_trim ran. */
    public static boolean releaseFreed() {
        if (TRIM == null) {
            return false;
        }
        TRIM.invokeInt(new Object[] {0L});
        return true;
    }

    private static Function lookUp() {
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return null; // not glibc: nothing to trim
        }
    }
}
