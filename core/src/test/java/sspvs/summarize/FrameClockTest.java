package sspvs.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import sspvs.video.features.VideoFeatures;

class FrameClockTest {
    private static VideoFeatures sampled(int[] picks, double[] times, int nFrames, double fps) {
        return new VideoFeatures("v.mp4", "", new float[picks.length][1], picks, times, nFrames, fps, "x", "");
    }

    @Test
    void constantRateIsFrameOverFpsExactly() {
        // 2 samples a second at 25 fps; each pick the frame shown at its time
        int[] picks = new int[20];
        double[] times = new double[20];
        for (int i = 0; i < 20; i++) {
            times[i] = i * 0.5;
            picks[i] = (int) Math.ceil(times[i] * 25);
        }
        FrameClock clock = FrameClock.of(sampled(picks, times, 250, 25), 25);
        assertFalse(clock.variable());
        for (int f = 0; f <= 250; f++) {
            assertEquals(f / 25.0, clock.seconds(f));
        }
    }

    @Test
    void variableRateFollowsTheSampledTimes() {
        // 2 s at 30 fps (frames 0-59), then 4 s at 5 fps (frames 60-79): 80 frames, 6 s, average 13.33 fps
        int[] picks = new int[12];
        double[] times = new double[12];
        for (int i = 0; i < 12; i++) {
            times[i] = i * 0.5;
            picks[i] = times[i] < 2 ? (int) Math.round(times[i] * 30) : 60 + (int) Math.round((times[i] - 2) * 5);
        }
        double fps = 80 / 6.0;
        FrameClock clock = FrameClock.of(sampled(picks, times, 80, fps), fps);
        assertTrue(clock.variable());
        assertEquals(1.0, clock.seconds(30), 1e-9);
        assertEquals(2.0, clock.seconds(60), 1e-9);
        assertEquals(3.0, clock.seconds(65), 1e-9);
        assertEquals(5.75, clock.seconds(79), 1e-9); // between the last sample (frame 78 at 5.5 s) and the end
        assertEquals(6.0, clock.seconds(80), 1e-9);
        assertEquals(7 / 30.0, clock.seconds(7), 1e-9);
    }
}
