package sspvs.video.synthetic;

import java.awt.Color;
import java.util.SplittableRandom;

/**
 * Paints footage-like frames for {@link SyntheticVideo.Builder#textured(boolean)}: per scene, a texture wider than
 * the frame (value noise at three scales, tinted with the scene's own colours, with sharp-edged blocks) that the
 * camera pans across, plus grain that changes every frame, as sensor noise does. Real video costs FFmpeg much more
 * to decode than flat colour because of such detail and motion; this gives a benchmark that cost without a real
 * (licensed, large) file. Deterministic: scene {@code s} always looks the same.
 */
final class FootagePainter {
    private static final int GRAIN = 6; // +-, in 8-bit levels
    private static final int GRAIN_SLACK = 1 << 16;

    private final int width;
    private final int height;
    private final int pan;
    private final byte[] grain;
    private byte[] texture;
    private int textureScene = -1;

    FootagePainter(int width, int height) {
        this.width = width;
        this.height = height;
        this.pan = Math.max(2, width / 2);
        SplittableRandom rnd = new SplittableRandom(11);
        this.grain = new byte[width * height * 3 + GRAIN_SLACK];
        for (int i = 0; i < grain.length; i++) {
            grain[i] = (byte) (rnd.nextInt(2 * GRAIN + 1) - GRAIN);
        }
    }

    /** Fills {@code rgb} (width x height x 3) with frame {@code frame} of scene {@code scene}. */
    void paint(byte[] rgb, int scene, int frame) {
        if (scene != textureScene) {
            texture = texture(scene);
            textureScene = scene;
        }
        int stride = (width + pan) * 3;
        int period = 2 * pan;
        int step = Math.floorMod(frame * 2, period);
        int x0 = step < pan ? step : period - step; // to and fro, 2 px a frame
        for (int y = 0; y < height; y++) {
            System.arraycopy(texture, y * stride + x0 * 3, rgb, y * width * 3, width * 3);
        }
        int offset = (int) Math.floorMod(frame * 40_503L, GRAIN_SLACK);
        for (int i = 0; i < rgb.length; i++) {
            int v = (rgb[i] & 0xff) + grain[offset + i];
            rgb[i] = (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }

    private byte[] texture(int scene) {
        int w = width + pan;
        SplittableRandom rnd = new SplittableRandom(1_000_003L * (scene + 1));
        float[] light = new float[w * height];
        float amplitude = 0.55f;
        for (int cell : new int[] {Math.max(4, height / 6), Math.max(3, height / 24), 3}) {
            addValueNoise(light, w, cell, amplitude, rnd);
            amplitude *= 0.45f;
        }
        Color base = Color.getHSBColor((float) ((scene * 0.618034) % 1.0), 0.7f, 0.95f);
        Color other = Color.getHSBColor((float) ((scene * 0.618034 + 0.5) % 1.0), 0.6f, 0.6f);
        boolean[] block = blocks(w, rnd);
        byte[] out = new byte[w * height * 3];
        for (int p = 0; p < light.length; p++) {
            Color c = block[p] ? other : base;
            float l = 0.25f + 0.75f * Math.min(1f, Math.max(0f, light[p]));
            out[3 * p] = (byte) (c.getRed() * l);
            out[3 * p + 1] = (byte) (c.getGreen() * l);
            out[3 * p + 2] = (byte) (c.getBlue() * l);
        }
        return out;
    }

    /** Bilinear interpolation of random values on a grid of {@code cell} pixels, added with weight {@code a}. */
    private void addValueNoise(float[] light, int w, int cell, float a, SplittableRandom rnd) {
        int gw = w / cell + 2;
        int gh = height / cell + 2;
        float[] grid = new float[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) rnd.nextDouble();
        }
        for (int y = 0; y < height; y++) {
            int gy = y / cell;
            float fy = (y % cell) / (float) cell;
            for (int x = 0; x < w; x++) {
                int gx = x / cell;
                float fx = (x % cell) / (float) cell;
                float top = grid[gy * gw + gx] * (1 - fx) + grid[gy * gw + gx + 1] * fx;
                float bottom = grid[(gy + 1) * gw + gx] * (1 - fx) + grid[(gy + 1) * gw + gx + 1] * fx;
                light[y * w + x] += a * (top * (1 - fy) + bottom * fy);
            }
        }
    }

    /** A few dozen sharp-edged rectangles: edges are what make real pictures costly to code. */
    private boolean[] blocks(int w, SplittableRandom rnd) {
        boolean[] in = new boolean[w * height];
        int n = 12 + rnd.nextInt(24);
        for (int k = 0; k < n; k++) {
            int bw = 4 + rnd.nextInt(Math.max(1, width / 5));
            int bh = 4 + rnd.nextInt(Math.max(1, height / 5));
            int bx = rnd.nextInt(Math.max(1, w - bw));
            int by = rnd.nextInt(Math.max(1, height - bh));
            for (int y = by; y < Math.min(height, by + bh); y++) {
                for (int x = bx; x < Math.min(w, bx + bw); x++) {
                    in[y * w + x] = !in[y * w + x];
                }
            }
        }
        return in;
    }
}
