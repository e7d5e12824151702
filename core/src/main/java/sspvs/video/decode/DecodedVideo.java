package sspvs.video.decode;

import java.util.List;

/** A decoded video held in memory: the sampling record and one image per sampled step. */
public record DecodedVideo(VideoSampling sampling, List<FrameImage> frames) {
    public DecodedVideo {
        frames = List.copyOf(frames);
        if (frames.size() != sampling.steps()) {
            throw new IllegalArgumentException(frames.size() + " images for " + sampling.steps() + " steps");
        }
    }

    public VideoInfo info() {
        return sampling.info();
    }
}
