package sspvs.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.io.Sha256;
import sspvs.summarize.FeatureExtractorSettings;
import sspvs.summarize.SummarizePipeline;

/** What Spark ships to executors rebuilds the same settings, and the fingerprint follows what decides outputs. */
class PipelineSpecTest {
    @TempDir
    Path dir;

    private PipelineSpec spec(Path model, FeatureExtractorSettings features, double ratio) {
        return PipelineSpec.of(SummarizePipeline.Settings.of(model).withFeatures(features).withWindow(300, 150), null,
                ratio);
    }

    private static FeatureExtractorSettings custom(Path onnx) {
        return new FeatureExtractorSettings(onnx, FeatureExtractorSettings.Preset.PLAIN, new int[] {8, 8}, true,
                2f, new float[] {1, 2, 3}, new float[] {4, 5, 6}, "out", null);
    }

    @Test
    void aSerialisedSpecRebuildsTheSameSettings() throws Exception {
        Path model = Files.writeString(dir.resolve("m.ckpt"), "weights");
        Path onnx = Files.writeString(dir.resolve("f.onnx"), "graph");
        PipelineSpec spec = spec(model, custom(onnx), 0.3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        PipelineSpec shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (PipelineSpec) in.readObject();
        }
        SummarizePipeline.Settings s = shipped.settings();
        assertEquals(model.toAbsolutePath(), s.model());
        assertEquals(300, s.windowSteps());
        assertEquals(150, s.windowHop());
        FeatureExtractorSettings f = s.features();
        assertEquals(onnx.toAbsolutePath(), f.modelOrNull());
        assertEquals(FeatureExtractorSettings.Preset.PLAIN, f.preset());
        assertArrayEquals(new int[] {8, 8}, f.inputSizeOrNull());
        assertEquals(true, f.bgrOrNull());
        assertEquals(2f, f.scaleOrNull());
        assertArrayEquals(new float[] {1, 2, 3}, f.meanOrNull());
        assertArrayEquals(new float[] {4, 5, 6}, f.stdOrNull());
        assertEquals("out", f.outputNameOrNull());
        assertEquals(0.3, shipped.ratio());
        assertEquals(spec.key(), shipped.key());
    }

    @Test
    void theFingerprintFollowsBytesAndOptionsNotWhereTheModelLies() throws IOException {
        Path model = Files.writeString(dir.resolve("m.ckpt"), "weights");
        Path moved = Files.copy(model, dir.resolve("moved.ckpt"));
        Path onnx = Files.writeString(dir.resolve("f.onnx"), "graph");
        String sha = Sha256.of(model);
        String base = spec(model, custom(onnx), 0.3).fingerprint(sha);
        assertEquals(base, spec(moved, custom(onnx), 0.3).fingerprint(sha), "the same checkpoint moved");
        assertNotEquals(base, spec(model, custom(onnx), 0.4).fingerprint(sha), "another ratio");
        assertNotEquals(base, spec(model, FeatureExtractorSettings.colourHistogram(2), 0.3).fingerprint(sha));
        assertNotEquals(base, spec(model, custom(onnx), 0.3).fingerprint(Sha256.ofText("other weights")));
        Files.writeString(onnx, "another graph");
        assertNotEquals(base, spec(model, custom(onnx), 0.3).fingerprint(sha), "the feature model's bytes");
    }
}
