package sspvs.video.decode;

import java.util.Objects;

/**
 * One decoded picture as plain Java data: {@code width x height} pixels, 3 bytes each in R, G, B order,
 * rows top to bottom without padding.
 *
 * <p>It is what the decoder hands to feature extractors. Keeping it a byte array (rather than a
 * {@code BufferedImage}) makes it cheap to create from FFmpeg's buffer, easy to rotate, and independent of AWT.
 */
public record FrameImage(int width, int height, byte[] rgb) {
    public FrameImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " RGB bytes for " + width + "x"
                    + height + ", got " + rgb.length);
        }
    }

    /** Red, green or blue value (channel 0, 1, 2) of pixel (x, y), 0..255. */
    public int sample(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel] & 0xFF;
    }

    /**
     * This image turned clockwise by a multiple of 90 degrees (0, 90, 180, 270; other values are normalised).
     * Used to honour a video's display rotation.
     */
    public FrameImage rotateClockwise(int degrees) {
        int d = Math.floorMod(degrees, 360);
        if (d % 90 != 0) {
            throw new IllegalArgumentException("rotation must be a multiple of 90 degrees, got " + degrees);
        }
        if (d == 0) {
            return this;
        }
        int outW = d == 180 ? width : height;
        int outH = d == 180 ? height : width;
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int nx, ny;
                switch (d) {
                    case 90 -> { nx = height - 1 - y; ny = x; }
                    case 180 -> { nx = width - 1 - x; ny = height - 1 - y; }
                    default -> { nx = y; ny = width - 1 - x; } // 270
                }
                System.arraycopy(rgb, (y * width + x) * 3, out, (ny * outW + nx) * 3, 3);
            }
        }
        return new FrameImage(outW, outH, out);
    }

    /** This image resized to {@code w x h} by bilinear interpolation (pixel centres aligned, as OpenCV does). */
    public FrameImage resize(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        byte[] out = new byte[w * h * 3];
        double sx = (double) width / w;
        double sy = (double) height / h;
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, height - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            double wy = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, width - 1);
                int x1 = Math.min(x0 + 1, width - 1);
                double wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    double top = sample(x0, y0, c) * (1 - wx) + sample(x1, y0, c) * wx;
                    double bottom = sample(x0, y1, c) * (1 - wx) + sample(x1, y1, c) * wx;
                    out[(y * w + x) * 3 + c] = (byte) Math.round(top * (1 - wy) + bottom * wy);
                }
            }
        }
        return new FrameImage(w, h, out);
    }
}
