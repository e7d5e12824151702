package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class RangesTest {
    @Test
    void wholeNumbersBelowTheRangeAreRefusedNamingIt() {
        assertEquals(1, new Ranges.AtLeastOne().convert("1"));
        assertEquals(0, new Ranges.AtLeastZero().convert(" 0 "));
        assertEquals("0 is not allowed; give a whole number >= 1",
                assertThrows(TypeConversionException.class, () -> new Ranges.AtLeastOne().convert("0")).getMessage());
        assertEquals("'two' is not a whole number; give a whole number >= 0",
                assertThrows(TypeConversionException.class, () -> new Ranges.AtLeastZero().convert("two"))
                        .getMessage());
    }

    @Test
    void frameSizesMustBeEvenAndAtLeastSixteen() {
        assertEquals("1280x720", new Ranges.FrameSize().convert("1280x720"));
        for (String bad : new String[] {"0x0", "17x16", "1280", "8x8", "axb", "16x16x16"}) {
            assertThrows(TypeConversionException.class, () -> new Ranges.FrameSize().convert(bad), bad);
        }
    }

    @Test
    void benchSummarizeRefusesAZeroSizeBeforeDoingAnything() {
        CommandRun run = CommandRun.of("bench", "summarize", "--size", "0x0");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("Invalid value for option '--size': '0x0' is not allowed"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
