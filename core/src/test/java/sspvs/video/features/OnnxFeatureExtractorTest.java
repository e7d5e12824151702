package sspvs.video.features;

import sspvs.video.decode.FrameImage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sspvs.UserException;

/** Runs the committed tiny model made by tools/make_tiny_onnx.py (GoogLeNet's tensor names, 8x8 input). */
class OnnxFeatureExtractorTest {
    @TempDir
    Path dir;

    static Path tinyModel() throws URISyntaxException {
        return Path.of(OnnxFeatureExtractorTest.class.getResource("tiny-googlenet-like.onnx").toURI());
    }

    static List<FrameImage> randomFrames(int count, int w, int h, long seed) {
        Random rnd = new Random(seed);
        List<FrameImage> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] rgb = new byte[w * h * 3];
            rnd.nextBytes(rgb);
            frames.add(new FrameImage(w, h, rgb));
        }
        return frames;
    }

    /** The tiny model's pool5 computed directly from its weight formulas (see tools/make_tiny_onnx.py). */
    static float[] expectedPool5(FrameImage img, boolean bgr, float[] mean, float[] std, float scale) {
        float[][][] x = new float[3][8][8];
        for (int c = 0; c < 3; c++) {
            int src = bgr ? 2 - c : c;
            for (int y = 0; y < 8; y++) {
                for (int xx = 0; xx < 8; xx++) {
                    x[c][y][xx] = (img.sample(xx, y, src) * scale - mean[c]) / std[c];
                }
            }
        }
        float[] out = new float[4];
        for (int o = 0; o < 4; o++) {
            double sum = 0;
            for (int y = 0; y < 6; y++) {
                for (int xx = 0; xx < 6; xx++) {
                    double v = (o - 1.5) / 10.0;
                    for (int c = 0; c < 3; c++) {
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                double w = ((o * 27 + c * 9 + ky * 3 + kx) % 7 - 3) / 10.0;
                                v += w * x[c][y + ky][xx + kx];
                            }
                        }
                    }
                    sum += Math.max(0, v);
                }
            }
            out[o] = (float) (sum / 36);
        }
        return out;
    }

    @Test
    void defaultOutputIsTheModelsFirstOutput() throws Exception {
        try (OnnxFeatureExtractor ex = new OnnxFeatureExtractor(tinyModel(), new OnnxFeatureExtractor.Options()
                .inputSize(8, 8).scale(1 / 255f))) {
            assertEquals("prob_1", ex.outputName());
            assertEquals(2, ex.dimension());
            float[][] f = ex.extract(randomFrames(3, 8, 8, 1));
            for (float[] row : f) {
                assertEquals(1.0, row[0] + row[1], 1e-5, "softmax rows sum to 1");
            }
        }
    }

    @Test
    void intermediateTensorIsSelectedByNameAndMatchesAHandComputation() throws Exception {
        float[] mean = {0.4f, 0.5f, 0.6f};
        float[] std = {0.2f, 0.25f, 0.3f};
        var options = new OnnxFeatureExtractor.Options().inputSize(8, 8).bgr(true).scale(1 / 255f)
                .mean(mean[0], mean[1], mean[2]).std(std[0], std[1], std[2])
                .outputName(OnnxFeatureExtractor.GOOGLENET_POOL5);
        List<FrameImage> frames = randomFrames(5, 8, 8, 2);
        try (OnnxFeatureExtractor ex = new OnnxFeatureExtractor(tinyModel(), options)) {
            assertEquals(4, ex.dimension());
            float[][] f = ex.extract(frames);
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals(expectedPool5(frames.get(i), true, mean, std, 1 / 255f), f[i], 1e-4f, "frame " + i);
            }
        }
        // the file itself is untouched: pool5 is still not a declared output
        assertEquals(List.of("prob_1"), OnnxFeatureExtractor.declaredOutputs(tinyModel()));
    }

    @Test
    void channelOrderMatters() throws Exception {
        List<FrameImage> frames = randomFrames(1, 8, 8, 3);
        var rgb = new OnnxFeatureExtractor.Options().inputSize(8, 8).scale(1 / 255f).outputName("pool5/7x7_s1_2");
        var bgr = new OnnxFeatureExtractor.Options().inputSize(8, 8).scale(1 / 255f).outputName("pool5/7x7_s1_2")
                .bgr(true);
        try (var a = new OnnxFeatureExtractor(tinyModel(), rgb); var b = new OnnxFeatureExtractor(tinyModel(), bgr)) {
            float[] fa = a.extract(frames)[0];
            float[] fb = b.extract(frames)[0];
            float[] zero = {0, 0, 0};
            float[] one = {1, 1, 1};
            assertArrayEquals(expectedPool5(frames.get(0), false, zero, one, 1 / 255f), fa, 1e-4f);
            assertArrayEquals(expectedPool5(frames.get(0), true, zero, one, 1 / 255f), fb, 1e-4f);
        }
    }

    @Test
    void framesAreResizedToTheInputSizeAndBatchesDoNotChangeResults() throws Exception {
        List<FrameImage> frames = randomFrames(11, 20, 14, 4);
        var batched = new OnnxFeatureExtractor.Options().inputSize(8, 8).scale(1 / 255f)
                .outputName("pool5/7x7_s1_2").batchSize(4);
        var single = new OnnxFeatureExtractor.Options().inputSize(8, 8).scale(1 / 255f)
                .outputName("pool5/7x7_s1_2").batchSize(1);
        try (var a = new OnnxFeatureExtractor(tinyModel(), batched);
             var b = new OnnxFeatureExtractor(tinyModel(), single)) {
            float[][] fa = a.extract(frames);
            float[][] fb = b.extract(frames);
            assertEquals(11, fa.length);
            for (int i = 0; i < 11; i++) {
                assertArrayEquals(fb[i], fa[i], 1e-6f);
                float[] zero = {0, 0, 0};
                float[] one = {1, 1, 1};
                assertArrayEquals(expectedPool5(frames.get(i).resize(8, 8), false, zero, one, 1 / 255f), fa[i], 1e-4f);
            }
        }
    }

    @Test
    void tensorNamesListTheCandidates() throws Exception {
        List<String> names = OnnxFeatureExtractor.tensorNames(tinyModel());
        assertEquals(List.of("conv_out", "relu_out", "pool5/7x7_s1_2", "flat", "logits", "prob_1"), names);
    }

    @Test
    void unknownOutputNameIsAUserErrorListingNames() throws Exception {
        var options = new OnnxFeatureExtractor.Options().inputSize(8, 8).outputName("pool6");
        UserException e = assertThrows(UserException.class, () -> new OnnxFeatureExtractor(tinyModel(), options));
        assertTrue(e.getMessage().contains("pool6") && e.getMessage().contains("prob_1"), e.getMessage());
    }

    @Test
    void notAModelIsAUserError() throws IOException {
        Path bogus = Files.writeString(dir.resolve("model.onnx"), "definitely not protobuf\n");
        UserException e = assertThrows(UserException.class,
                () -> new OnnxFeatureExtractor(bogus, new OnnxFeatureExtractor.Options()));
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
        UserException missing = assertThrows(UserException.class,
                () -> new OnnxFeatureExtractor(dir.resolve("none.onnx"), new OnnxFeatureExtractor.Options()));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }

    @Test
    void realGoogLeNetGives1024FeaturesWhereCached() {
        Path cached = ModelDownloader.inUserCache().pathOf(OnnxFeatureExtractor.GOOGLENET);
        sspvs.Skip.unlessApplicable(Files.isRegularFile(cached), cached + " not present (no network here; it is"
                + " downloaded on first use from " + OnnxFeatureExtractor.GOOGLENET.url() + ")");
        try (var ex = OnnxFeatureExtractor.googlenetPool5(ModelDownloader.inUserCache())) {
            assertEquals(1024, ex.dimension());
            float[][] f = ex.extract(randomFrames(2, 64, 48, 5));
            assertTrue(f[0].length == 1024 && f[0][0] >= 0, "pool5 follows a ReLU: non-negative");
        }
    }
}
