package sspvs.video.features;

import sspvs.video.decode.FrameImage;

import java.util.List;

/**
 * A joint RGB colour histogram: each channel quantised to {@code bins} levels, {@code bins^3} cells, counts
 * divided by the pixel count. Deterministic, model-free and fast: a baseline for shot segmentation and the
 * stand-in extractor of tests and demos where no network is available.
 */
public final class ColourHistogramExtractor implements FeatureExtractor {
    private final int bins;

    /** @param bins levels per channel, 2..16 (4 gives 64-d features) */
    public ColourHistogramExtractor(int bins) {
        if (bins < 2 || bins > 16) {
            throw new IllegalArgumentException("bins per channel must be in 2..16, got " + bins);
        }
        this.bins = bins;
    }

    @Override
    public int dimension() {
        return bins * bins * bins;
    }

    @Override
    public float[][] extract(List<FrameImage> frames) {
        float[][] out = new float[frames.size()][];
        for (int f = 0; f < out.length; f++) {
            out[f] = histogram(frames.get(f));
        }
        return out;
    }

    private float[] histogram(FrameImage image) {
        float[] h = new float[dimension()];
        byte[] rgb = image.rgb();
        int pixels = image.width() * image.height();
        for (int p = 0; p < pixels; p++) {
            int r = (rgb[3 * p] & 0xFF) * bins / 256;
            int g = (rgb[3 * p + 1] & 0xFF) * bins / 256;
            int b = (rgb[3 * p + 2] & 0xFF) * bins / 256;
            h[(r * bins + g) * bins + b]++;
        }
        for (int i = 0; i < h.length; i++) {
            h[i] /= pixels;
        }
        return h;
    }
}
