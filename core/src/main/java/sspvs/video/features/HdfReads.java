package sspvs.video.features;

import io.jhdf.exceptions.HdfException;
import java.nio.BufferUnderflowException;
import java.nio.file.Path;
import java.util.function.Supplier;
import sspvs.UserException;

/**
 * jhdf reads of a user's file. jhdf parses lazily, so each call that touches the file's bytes goes through
 * {@link #read}: what jhdf throws for foreign or damaged bytes becomes a {@link UserException} naming the file,
 * while any other failure (a bug, ours or jhdf's) propagates as it is, with its stack trace.
 */
final class HdfReads {
    private HdfReads() {}

    /** Runs {@code read}, which must only call jhdf, turning the failures a bad file causes into the user's. */
    static <T> T read(Path file, Supplier<T> read) {
        try {
            return read.get();
        } catch (HdfException | ArithmeticException | IllegalArgumentException | BufferUnderflowException
                | IndexOutOfBoundsException | NegativeArraySizeException e) {
            // HdfException is jhdf's own; the others come from its parsing of damaged sizes and offsets
            throw new UserException(file + ": not a readable features file (" + e.getMessage() + ")", e);
        }
    }
}
