package sspvs.summarize;

import sspvs.video.features.VideoFeatures;

/**
 * Frame index to seconds for a sampled video. At a constant frame rate that is {@code frame / fps}. A
 * variable-rate video (e.g. 20 s at 30 fps then 20 s at 10 fps) has no single rate: there the time of a frame is
 * interpolated between the sampled steps, whose frames ({@code picks}) and times ({@code sample_times_s}) are known,
 * and the end of the video ({@code n_frames} at the duration, {@code n_frames / fps} with fps the average rate).
 * Budgets, shot lengths and cuts made from it are then in time, as a viewer sees them.
 */
final class FrameClock {
    private final double fps;
    private final int[] frames; // anchor frames, increasing; null at a constant rate
    private final double[] times;

    private FrameClock(double fps, int[] frames, double[] times) {
        this.fps = fps;
        this.frames = frames;
        this.times = times;
    }

    /** The clock of {@code f}, at rate {@code fps} when its samples sit where that rate puts them. */
    static FrameClock of(VideoFeatures f, double fps) {
        int[] picks = f.picks();
        double[] t = f.sampleTimes();
        boolean constant = true;
        for (int i = 0; i < picks.length && constant; i++) {
            constant = Math.abs(t[i] - picks[i] / fps) <= 1.0 / fps; // a sample is the frame shown at its time
        }
        if (constant || picks.length == 0) {
            return new FrameClock(fps, null, null);
        }
        int[] frames = new int[picks.length + 1];
        double[] times = new double[picks.length + 1];
        int n = 0;
        for (int i = 0; i < picks.length; i++) {
            if (n == 0 || picks[i] > frames[n - 1]) {
                frames[n] = picks[i];
                times[n] = t[i];
                n++;
            }
        }
        double end = f.nFrames() / fps;
        if (f.nFrames() > frames[n - 1] && end > times[n - 1]) {
            frames[n] = f.nFrames();
            times[n] = end;
            n++;
        }
        return new FrameClock(fps, java.util.Arrays.copyOf(frames, n), java.util.Arrays.copyOf(times, n));
    }

    /** True when the video's frames do not follow one rate. */
    boolean variable() {
        return frames != null;
    }

    /** Start time of {@code frame}, seconds. */
    double seconds(int frame) {
        if (frames == null || frames.length < 2) {
            return frame / fps;
        }
        int i = java.util.Arrays.binarySearch(frames, frame);
        if (i >= 0) {
            return times[i];
        }
        int hi = Math.min(Math.max(-i - 1, 1), frames.length - 1); // the anchors around it (outside: the nearest two)
        int lo = hi - 1;
        double rate = (times[hi] - times[lo]) / (frames[hi] - frames[lo]);
        return Math.max(0, times[lo] + (frame - frames[lo]) * rate);
    }
}
