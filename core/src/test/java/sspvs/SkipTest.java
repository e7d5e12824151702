package sspvs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class SkipTest {
    @Test
    void aMissingRequirementSkipsOnADevelopersMachine() {
        assertThrows(TestAbortedException.class, () -> Skip.unless(false, "no chromium", Map.of()));
        assertThrows(TestAbortedException.class, () -> Skip.unless(false, "no chromium", Map.of("CI", "false")));
    }

    @Test
    void aMissingRequirementFailsInCi() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Skip.unless(false, "shared data folder not found", Map.of("CI", "true")));
        assertTrue(e.getMessage().contains("shared data folder not found"), e.getMessage());
    }

    @Test
    void aPresentRequirementRunsEverywhere() {
        assertDoesNotThrow(() -> Skip.unless(true, "x", Map.of("CI", "true")));
        assertDoesNotThrow(() -> Skip.unless(true, "x", Map.of()));
    }

    @Test
    void aConditionNoMachineIsPromisedSkipsEvenInCi() {
        // unlessApplicable reads no environment: it is the same under CI=true
        assertThrows(TestAbortedException.class, () -> Skip.unlessApplicable(false, "no libopenh264 in this FFmpeg"));
    }
}
