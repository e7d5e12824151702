package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunClockTest {
    @Test
    void remainingTimeIsTheEpochsLeftOfAllRunsAtThePaceOfTrainedEpochs() {
        AtomicLong now = new AtomicLong(0);
        RunClock clock = new RunClock(3, now::get);
        clock.plan(4); // 3 seeds x 4 epochs
        clock.skipped(2); // read back from an earlier run: no time here
        now.set(10_000_000_000L); // 6 s of start-up, then an epoch of 4 s (3 s of it training)
        assertEquals("elapsed 10s, about 27s left", clock.epochTrained(3)); // 9 left at the 3 s known so far
        now.set(14_000_000_000L);
        assertEquals("elapsed 14s, about 32s left", clock.epochTrained(3)); // 8 left at 4 s each
        now.set(24_000_000_000L); // a slow epoch: the pace is the mean since the first epoch's end
        assertEquals("elapsed 24s, about 49s left", clock.epochTrained(3)); // 7 left at 7 s each
    }

    @Test
    void durationsReadAtAGlance() {
        assertEquals("59s", RunClock.duration(59.4));
        assertEquals("3m05s", RunClock.duration(185));
        assertEquals("2h07m", RunClock.duration(2 * 3600 + 7 * 60 + 30));
    }
}
