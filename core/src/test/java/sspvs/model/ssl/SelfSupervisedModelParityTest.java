package sspvs.model.ssl;

import sspvs.model.TextEncoderChoice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sspvs.model.EngineThreads;
import sspvs.model.io.TorchTensor;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;
import sspvs.train.SslLoss;

/**
 * Parity with torch ({@code tools/make_ssl_fixture.py}, torch.nn primitives): with the same weights, features,
 * masked positions and text-encoder outputs, the masked-frame prediction, match logit, encoded frames, projected
 * words, Hausdorff distances, every loss term and the gradient of every video-side weight agree.
 */
class SelfSupervisedModelParityTest {
    private static NDManager manager;
    private static JsonNode index;
    private static float[] blob;

    @BeforeAll
    static void load() throws Exception {
        EngineThreads.set(1);
        manager = NDManager.newBaseManager();
        try (InputStream json = SelfSupervisedModelParityTest.class.getResourceAsStream("ssl_parity.json");
                InputStream bin = SelfSupervisedModelParityTest.class.getResourceAsStream("ssl_parity.bin")) {
            index = new ObjectMapper().readTree(json);
            byte[] bytes = bin.readAllBytes();
            blob = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(blob);
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static long[] shape(String name) {
        JsonNode s = index.get("arrays").get(name).get("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asLong();
        }
        return out;
    }

    private static float[] values(String name) {
        long n = 1;
        for (long s : shape(name)) {
            n *= s;
        }
        int offset = index.get("arrays").get(name).get("offset").asInt();
        return java.util.Arrays.copyOfRange(blob, offset, offset + (int) n);
    }

    private static NDArray array(NDManager m, String name) {
        return m.create(values(name), new Shape(shape(name)));
    }

    @Test
    void outputsLossAndGradientsMatchTorch() {
        JsonNode c = index.get("config");
        int d = c.get("d").asInt();
        SslModelSpec spec = new SslModelSpec(d, c.get("heads").asInt(), c.get("ffn").asInt(), c.get("layers").asInt(),
                1f, 0.1f, c.get("window").asInt(), 0.1f);
        BertConfig text = new BertConfig(c.get("h").asInt(), 1, 2, 16, 30522, 64, 2, 1e-12f, 0.1f, 0.1f, 0.02f);
        int[] masked = new int[c.get("masked").size()];
        for (int i = 0; i < masked.length; i++) {
            masked[i] = c.get("masked").get(i).asInt();
        }
        float[] labels = new float[c.get("labels").size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (float) c.get("labels").get(i).asDouble();
        }
        try (SelfSupervisedModel model = new SelfSupervisedModel(spec, TextEncoderChoice.random(text,
                TextTraining.ALL), manager, 3); NDManager step = model.scratchManager().newSubManager()) {
            Map<String, TorchTensor> weights = new LinkedHashMap<>();
            index.get("parameters").forEach(n -> weights.put(n.asText(),
                    new TorchTensor(shape("param/" + n.asText()), values("param/" + n.asText()))));
            model.load(weights);
            NDArray features = array(step, "input/features");
            NDArray target = step.create(new float[masked.length * d], new Shape(masked.length, d));
            for (int i = 0; i < masked.length; i++) {
                target.set(new ai.djl.ndarray.index.NDIndex(i), features.get(i, masked[i]));
            }
            SslLoss.Terms terms;
            SelfSupervisedModel.Output out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                out = model.forward(features, masked, array(step, "input/words"), array(step, "input/pooled"), false);
                terms = SslLoss.reference().compute(out, target, step.create(labels));
                gc.backward(terms.total());
            }
            close("out/predicted", out.predictedFrame(), 2e-5f);
            close("out/logit", out.matchLogit(), 2e-5f);
            close("out/encoded", out.encodedFrames(), 2e-5f);
            close("out/projected", out.projectedWords(), 2e-5f);
            close("out/hausdorff", terms.hausdorff(), 2e-5f);
            assertEquals(values("loss/bce")[0], terms.bce().getFloat(), 1e-5);
            assertEquals(values("loss/mse")[0], terms.mse().getFloat(), 1e-5);
            assertEquals(values("loss/contrast")[0], terms.contrast().getFloat(), 1e-5);
            assertEquals(values("loss/total")[0], terms.total().getFloat(), 1e-4);
            Map<String, NDArray> params = model.trainableParameters();
            int checked = 0;
            for (JsonNode n : index.get("parameters")) {
                float[] expected = values("grad/" + n.asText());
                float[] actual = params.get(n.asText()).getGradient().toFloatArray();
                double scale = 0;
                for (float v : expected) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-4 + 1e-3 * scale, "gradient of " + n.asText() + "[" + i + "]");
                }
                checked++;
            }
            assertTrue(checked > 40, "checked " + checked);
        }
    }

    private static void close(String name, NDArray actual, float tolerance) {
        assertEquals(new Shape(shape(name)), actual.getShape(), name);
        float[] expected = values(name);
        float[] got = actual.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], tolerance, name + "[" + i + "]");
        }
    }
}
