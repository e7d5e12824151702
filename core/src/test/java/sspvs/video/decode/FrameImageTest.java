package sspvs.video.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameImageTest {
    /** A 3x2 image whose red value is its pixel number 0..5 (row-major). */
    private static FrameImage numbered() {
        byte[] rgb = new byte[3 * 2 * 3];
        for (int p = 0; p < 6; p++) {
            rgb[3 * p] = (byte) p;
        }
        return new FrameImage(3, 2, rgb);
    }

    private static int[] reds(FrameImage img) {
        int[] r = new int[img.width() * img.height()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                r[y * img.width() + x] = img.sample(x, y, 0);
            }
        }
        return r;
    }

    @Test
    void rotatesClockwise() {
        // 0 1 2        3 0
        // 3 4 5   ->   4 1
        //              5 2
        FrameImage r = numbered().rotateClockwise(90);
        assertEquals(2, r.width());
        assertEquals(3, r.height());
        assertArrayEquals(new int[] {3, 0, 4, 1, 5, 2}, reds(r));
        assertArrayEquals(new int[] {5, 4, 3, 2, 1, 0}, reds(numbered().rotateClockwise(180)));
        assertArrayEquals(new int[] {2, 5, 1, 4, 0, 3}, reds(numbered().rotateClockwise(270)));
        assertArrayEquals(reds(numbered()), reds(numbered().rotateClockwise(90).rotateClockwise(-90)));
        assertThrows(IllegalArgumentException.class, () -> numbered().rotateClockwise(45));
    }

    @Test
    void resizeAveragesNeighboursAndKeepsFlatImagesFlat() {
        byte[] rgb = new byte[4 * 1 * 3];
        int[] values = {0, 100, 200, 200};
        for (int x = 0; x < 4; x++) {
            rgb[3 * x] = (byte) values[x];
        }
        FrameImage half = new FrameImage(4, 1, rgb).resize(2, 1);
        // pixel centres 0.5 and 2.5 in source coordinates: halfway between 0/100 and 200/200
        assertEquals(50, half.sample(0, 0, 0));
        assertEquals(200, half.sample(1, 0, 0));
        byte[] flat = new byte[5 * 7 * 3];
        java.util.Arrays.fill(flat, (byte) 77);
        FrameImage big = new FrameImage(5, 7, flat).resize(13, 3);
        for (byte b : big.rgb()) {
            assertEquals(77, b);
        }
    }

    @Test
    void rejectsWrongBufferSize() {
        assertThrows(IllegalArgumentException.class, () -> new FrameImage(2, 2, new byte[11]));
    }
}
