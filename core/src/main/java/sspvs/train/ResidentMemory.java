package sspvs.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's resident memory as Linux reports it in {@code /proc/self/status}: {@code VmRSS} (now) and
 * {@code VmHWM} (the peak). Training's memory is mostly native (libtorch tensors, the allocator's cache) and the
 * JVM heap, so the kernel's count is the one that says whether a job fits a machine. Empty where there is no
 * {@code /proc} (macOS, Windows).
 *
 * <p>{@link #resetPeak()} starts a new peak window (writing 5 to {@code /proc/self/clear_refs}, Linux ≥ 4.0), so a
 * per-epoch peak is the epoch's own, not the run's so far; where the kernel refuses, the peak stays the process's.
 */
public final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private ResidentMemory() {}

    /** Resident bytes now, if known. */
    public static OptionalLong currentBytes() {
        return field("VmRSS:");
    }

    /** Peak resident bytes since the process started or the last {@link #resetPeak()}, if known. */
    public static OptionalLong peakBytes() {
        return field("VmHWM:");
    }

    /** Starts a new peak window; returns whether the kernel accepted. */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false; // no /proc or an old kernel: the peak stays the whole process's
        }
    }

    /** Bytes as whole mebibytes, for tables and CSV cells. */
    public static long mebibytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }

    private static OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    // "VmRSS:	  123456 kB"
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | SecurityException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
