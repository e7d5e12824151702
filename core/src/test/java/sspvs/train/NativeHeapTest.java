package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sspvs.Skip;

class NativeHeapTest {
    @Test
    void trimsTheCHeapWhereTheProcessRunsOnGlibc() {
        // a glibc process maps libc.so.6; musl and other systems have nothing to trim
        boolean glibc;
        try {
            glibc = Files.readString(Path.of("/proc/self/maps")).contains("libc.so.6");
        } catch (java.io.IOException e) {
            glibc = false;
        }
        Skip.unlessApplicable(glibc, "not a glibc Linux process: malloc_trim does not apply");
        assertTrue(NativeHeap.releaseFreed(), "malloc_trim should be found and run under glibc");
        assertTrue(NativeHeap.releaseFreed(), "and again: it is safe to call every epoch");
    }
}
