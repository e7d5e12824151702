package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
        assertEquals("glibc", NativeHeap.allocator());
        assertTrue(NativeHeap.releaseFreed(), "and again: it is safe to call every epoch");
    }

    /** Debian's libjemalloc2, where the launcher finds it (x86-64 path: the machines CI and the developers use). */
    static final Path JEMALLOC = Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2");

    @Test
    void purgesJemallocsArenasWhenTheLauncherPreloadsIt() throws IOException, InterruptedException {
        Skip.unless(Files.exists(JEMALLOC), "no " + JEMALLOC + " (Debian package libjemalloc2)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                NativeHeapChild.class.getName()).redirectErrorStream(true);
        child.environment().put("LD_PRELOAD", JEMALLOC.toString());
        child.environment().put("MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1"); // the launcher's
        Process process = child.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child finished");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, process.exitValue(), out);
        // mallctl("arena.4096.purge") returned 0: every arena purged, not glibc's trim on an unused heap
        assertTrue(out.endsWith("jemalloc true 64"), out);
    }
}
