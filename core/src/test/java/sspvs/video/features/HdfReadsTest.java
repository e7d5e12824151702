package sspvs.video.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sspvs.UserException;

class HdfReadsTest {
    private static final Path FILE = Path.of("features.h5");

    @Test
    void whatJhdfThrowsForBadBytesIsTheUsersErrorNamingTheFile() {
        HdfException bad = new HdfException("No valid HDF5 signature found");
        UserException e = assertThrows(UserException.class, () -> HdfReads.read(FILE, () -> {
            throw bad;
        }));
        assertEquals("features.h5: not a readable features file (No valid HDF5 signature found)", e.getMessage());
        assertSame(bad, e.getCause());
        // jhdf's parsing of a damaged size field
        assertThrows(UserException.class, () -> HdfReads.read(FILE, () -> {
            throw new ArithmeticException("integer overflow");
        }));
    }

    @Test
    void aBugIsNotReportedAsTheUsersFile() {
        NullPointerException bug = new NullPointerException("a bug");
        assertSame(bug, assertThrows(NullPointerException.class, () -> HdfReads.read(FILE, () -> {
            throw bug;
        })));
        IllegalStateException state = new IllegalStateException("another bug");
        assertSame(state, assertThrows(IllegalStateException.class, () -> HdfReads.read(FILE, () -> {
            throw state;
        })));
    }

    @Test
    void aReadThatWorksReturnsItsValue() {
        assertTrue(HdfReads.read(FILE, () -> true));
    }
}
