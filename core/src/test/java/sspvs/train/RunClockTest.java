package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunClockTest {
    @Test
    void remainingTimeIsTheEpochsLeftOfAllRunsAtTheMeanPaceOfTrainedEpochs() {
        AtomicLong now = new AtomicLong(0);
        RunClock clock = new RunClock(3, now::get);
        clock.plan(4); // 3 seeds x 4 epochs
        clock.skipped(2); // read back from an earlier run: no time here
        now.set(10_000_000_000L);
        assertEquals("elapsed 10s, about 1m30s left", clock.epochTrained()); // 9 left at 10 s each
        now.set(20_000_000_000L);
        assertEquals("elapsed 20s, about 1m20s left", clock.epochTrained());
    }

    @Test
    void durationsReadAtAGlance() {
        assertEquals("59s", RunClock.duration(59.4));
        assertEquals("3m05s", RunClock.duration(185));
        assertEquals("2h07m", RunClock.duration(2 * 3600 + 7 * 60 + 30));
    }
}
