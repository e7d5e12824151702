package sspvs.shots;

import sspvs.data.Shots;

import sspvs.video.decode.DecodedVideo;
import sspvs.video.decode.VideoDecoder;
import sspvs.video.features.ColourHistogramExtractor;
import sspvs.video.synthetic.SyntheticVideo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthetic video with known cuts -> decode at 2 fps -> colour histograms -> KTS -> shots at the cuts. */
class ShotDetectionPipelineTest {
    @TempDir
    Path dir;

    @Test
    void ktsFindsTheSyntheticCutsWithinOneStep() throws IOException {
        double[] scenes = {3, 4.5, 2, 5, 3.5};
        SyntheticVideo.Result video = SyntheticVideo.builder().size(64, 48).fps(25).sceneSeconds(scenes).build()
                .write(dir.resolve("scenes.mp4"));
        DecodedVideo decoded = new VideoDecoder().decode(video.file());
        float[][] features = new ColourHistogramExtractor(4).extract(decoded.frames());
        KernelTemporalSegmentation.Segmentation seg = new KernelTemporalSegmentation().segment(features);

        int[] found = seg.changePoints();
        assertEquals(video.cutSeconds().length, found.length, "one change point per cut: " + java.util.Arrays.toString(found));
        for (int i = 0; i < found.length; i++) {
            double cutStep = video.cutSeconds()[i] * VideoDecoder.DEFAULT_SAMPLES_PER_SECOND;
            assertTrue(Math.abs(found[i] - cutStep) <= 1, "cut " + i + " at step " + cutStep + ", found " + found[i]);
        }

        Shots shots = seg.toShots(decoded.sampling().picks(), decoded.sampling().frameCount());
        assertEquals(scenes.length, shots.count());
        assertEquals(0, shots.changePoints()[0][0]);
        assertEquals(video.frameCount() - 1, shots.changePoints()[shots.count() - 1][1]);
        for (int s = 1; s < shots.count(); s++) {
            int cutFrame = video.cutFrames()[s - 1];
            // a shot starts at a sampled frame: within one sampling period (12.5 frames at 25 fps) of the cut
            assertTrue(Math.abs(shots.changePoints()[s][0] - cutFrame) <= 13,
                    "shot " + s + " starts at frame " + shots.changePoints()[s][0] + ", cut at " + cutFrame);
        }
    }
}
