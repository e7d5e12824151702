package sspvs.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Whole-number options with their allowed range, checked by the option parser: a zero or negative size is a
 * usage error naming the option and the range ({@code Invalid value for option '--steps': 0 is not allowed; give
 * a whole number >= 1}), never a stack trace from deep inside the command. Use as {@code converter =}.
 */
final class Ranges {
    private Ranges() {}

    /** {@code >= 1}: sizes, counts, threads. */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 1);
        }
    }

    /** {@code >= 0}: warm-up runs, limits where 0 means "all". */
    static final class AtLeastZero implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(value, 0);
        }
    }

    static int atLeast(String value, int min) {
        int n;
        try {
            n = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number; give a whole number >= " + min);
        }
        if (n < min) {
            throw new TypeConversionException(n + " is not allowed; give a whole number >= " + min);
        }
        return n;
    }

    /**
     * A generated video's frame size {@code WIDTHxHEIGHT}, each an even number >= 16 (the encoders' 4:2:0 chroma
     * halves both sides); the text itself is returned for the command to parse.
     */
    static final class FrameSize implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String[] wh = value.strip().toLowerCase(java.util.Locale.ROOT).split("x", -1);
            try {
                if (wh.length == 2) {
                    int w = Integer.parseInt(wh[0]);
                    int h = Integer.parseInt(wh[1]);
                    if (w >= 16 && h >= 16 && w % 2 == 0 && h % 2 == 0) {
                        return value.strip();
                    }
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new TypeConversionException("'" + value + "' is not allowed; give WIDTHxHEIGHT, each an even "
                    + "number >= 16, e.g. 1280x720");
        }
    }
}
