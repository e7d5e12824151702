package sspvs.video.synthetic;

import sspvs.video.decode.DecodedVideo;
import sspvs.video.decode.VideoDecoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootagePainterTest {
    @TempDir
    Path dir;

    private static double meanAbsDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / (double) a.length;
    }

    /** Neighbouring pixels differ (detail), unlike the flat-colour scenes. */
    private static double meanNeighbourDifference(byte[] rgb) {
        long sum = 0;
        for (int i = 3; i < rgb.length; i++) {
            sum += Math.abs((rgb[i] & 0xff) - (rgb[i - 3] & 0xff));
        }
        return sum / (double) (rgb.length - 3);
    }

    @Test
    void framesHaveDetailMoveWithinASceneAndChangeAtACut() {
        FootagePainter painter = new FootagePainter(160, 90);
        byte[] f0 = new byte[160 * 90 * 3];
        byte[] f1 = new byte[f0.length];
        byte[] other = new byte[f0.length];
        painter.paint(f0, 0, 0);
        painter.paint(f1, 0, 1);
        painter.paint(other, 1, 2);
        assertTrue(meanNeighbourDifference(f0) > 3, "texture and grain, not flat colour");
        double withinScene = meanAbsDifference(f0, f1);
        double acrossCut = meanAbsDifference(f1, other);
        assertTrue(withinScene > 1, "grain and panning change every frame: " + withinScene);
        assertTrue(acrossCut > 4 * withinScene, "a cut changes far more than a frame step: " + acrossCut + " vs "
                + withinScene);
    }

    @Test
    void aSceneLooksTheSameWhicheverPainterPaintsIt() {
        byte[] a = new byte[64 * 48 * 3];
        byte[] b = new byte[a.length];
        new FootagePainter(64, 48).paint(a, 3, 17);
        FootagePainter second = new FootagePainter(64, 48);
        second.paint(b, 0, 0);
        second.paint(b, 3, 17);
        assertArrayEquals(a, b);
    }

    @Test
    void texturedVideoKeepsItsScenesApartForShotDetection() throws Exception {
        SyntheticVideo.Result r = SyntheticVideo.builder().size(96, 64).fps(30).sceneSeconds(3, 3, 3).textured(true)
                .audio(false).build().write(dir.resolve("footage.mp4"));
        DecodedVideo decoded = new VideoDecoder().decode(r.file());
        int steps = decoded.frames().size();
        double[] change = new double[steps - 1];
        for (int k = 1; k < steps; k++) {
            change[k - 1] = meanAbsDifference(decoded.frames().get(k - 1).rgb(), decoded.frames().get(k).rgb());
        }
        // the two largest step-to-step changes are at the cuts (3 s and 6 s = steps 6 and 12)
        int first = argMax(change, -1);
        int second = argMax(change, first);
        assertTrue((first == 5 && second == 11) || (first == 11 && second == 5),
                "cuts at steps 6 and 12, found changes largest before steps " + (first + 1) + " and " + (second + 1));
    }

    private static int argMax(double[] v, int excluded) {
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (i != excluded && (best < 0 || v[i] > v[best])) {
                best = i;
            }
        }
        return best;
    }
}
