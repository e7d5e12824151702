package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiStepScheduleTest {
    @Test
    void decaysAtEachMilestoneLikeTorch() {
        MultiStepSchedule s = new MultiStepSchedule(1.0, List.of(2, 4, 4), 0.1);
        assertEquals(1.0, s.rateAt(0));
        assertEquals(1.0, s.rateAt(1));
        assertEquals(0.1, s.rateAt(2), 1e-15);
        assertEquals(0.1, s.rateAt(3), 1e-15);
        assertEquals(0.001, s.rateAt(4), 1e-15); // a repeated milestone applies gamma twice
    }

    @Test
    void referenceMilestoneBeyondTheLastEpochKeepsTheRate() {
        MultiStepSchedule s = new MultiStepSchedule(5e-5, List.of(200), 0.1);
        assertEquals(5e-5, s.rateAt(39));
    }
}
