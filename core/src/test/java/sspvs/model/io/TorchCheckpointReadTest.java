package sspvs.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TorchCheckpointReadTest {

    @ParameterizedTest
    @ValueSource(strings = {"lightning_style.ckpt", "lightning_style_proto4.ckpt"})
    void readsEveryStateDictTensorAsTorchDoes(String fixture) throws IOException {
        StateDict sd = TorchCheckpoint.read(CkptFixtures.path(fixture));
        JsonNode expected = CkptFixtures.expected();
        List<String> expectedNames = new ArrayList<>();
        expected.forEach(t -> expectedNames.add(t.get("name").asText()));
        assertEquals(expectedNames, new ArrayList<>(sd.names()), "names in stored order");
        for (JsonNode e : expected) {
            String name = e.get("name").asText();
            TorchTensor t = sd.get(name);
            assertArrayEquals(CkptFixtures.shape(e), t.shape(), name);
            assertArrayEquals(CkptFixtures.values(e), t.data(), name);
            assertEquals(e.get("dtype").asText(), t.dtype(), name);
            double sum = 0;
            for (float v : t.data()) {
                sum += v;
            }
            assertEquals(e.get("sum").asDouble(), sum, 1e-3 * Math.max(1, Math.abs(sum)), name);
        }
    }

    @Test
    void resolvesTransposedViewsAndSharedStorageOffsets() {
        StateDict sd = TorchCheckpoint.read(CkptFixtures.path("lightning_style.ckpt"));
        String p = "video_model.transformer_encoder.layers.0.";
        // out_proj.weight is the transpose of an [8, 8] ramp: element [r][c] = ramp[c * 8 + r]
        float[] w = sd.get(p + "self_attn.out_proj.weight").data();
        assertEquals((float) (Math.sin(0.37 * (1 * 8 + 0) + 0.4) * 0.3), w[0 * 8 + 1], 1e-6f);
        assertEquals((float) (Math.sin(0.37 * (0 * 8 + 1) + 0.4) * 0.3), w[1 * 8 + 0], 1e-6f);
        // linear1.bias lives at offset 16 of the storage linear1.weight uses
        float[] bias = sd.get(p + "linear1.bias").data();
        assertEquals((float) (Math.sin(0.37 * 16 + 0.6) * 0.7), bias[0], 1e-6f);
        assertEquals(2, bias.length);
        assertEquals(16, sd.get(p + "linear1.weight").numel());
    }

    @Test
    void convertsInt64ScalarsAndKeepsTheirDtype() {
        TorchTensor t = TorchCheckpoint.read(CkptFixtures.path("lightning_style.ckpt"))
                .get("video_model.bn.num_batches_tracked");
        assertEquals(0, t.shape().length, "0-d tensor");
        assertEquals("int64", t.dtype());
        assertEquals(123456789f, t.data()[0]);
    }

    @Test
    void exposesOtherTopLevelEntriesAsPlainValues() {
        CheckpointContents c = TorchCheckpoint.load(CkptFixtures.path("lightning_style.ckpt"));
        assertEquals(3L, c.longEntry("epoch"));
        assertEquals(10L, c.longEntry("global_step"));
        assertEquals("1.5.10", c.stringEntry("pytorch-lightning_version"));
        // Lightning's AttributeDict: a dict subclass, kept as a placeholder with its items
        PythonObject hp = assertInstanceOf(PythonObject.class, c.entries().get("hyper_parameters"));
        assertEquals("pytorch_lightning.utilities.parsing.AttributeDict", hp.type().toString());
        assertEquals("sspvs", hp.get("model_name"));
        assertEquals(2L, hp.get("iter"));
        assertEquals(1e-4, hp.get("lr"));
        assertEquals(List.of(200L), hp.get("milestones"));
        // argparse.Namespace: attributes come from BUILD
        PythonObject ns = assertInstanceOf(PythonObject.class, c.entries().get("args_namespace"));
        assertEquals("cfgs/tiny.yaml", ns.get("config"));
        assertEquals(12345L, ns.get("seed"));
        // optimizer tensors are described, not read
        Map<?, ?> opt = (Map<?, ?>) ((List<?>) c.entries().get("optimizer_states")).get(0);
        Map<?, ?> state0 = (Map<?, ?>) ((Map<?, ?>) opt.get("state")).get(0L);
        StoredTensor expAvg = assertInstanceOf(StoredTensor.class, state0.get("exp_avg"));
        assertArrayEquals(new long[] {1, 8}, expAvg.shape());
        assertEquals("float32", expAvg.dtype());
        Map<?, ?> misc = (Map<?, ?>) c.entries().get("misc");
        assertEquals(List.of(1L, 2L, 3L), misc.get("a_set"));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, (byte[]) misc.get("bytes"));
        assertEquals(BigInteger.TWO.pow(70), misc.get("big_int"));
        assertEquals(-7L, misc.get("neg"));
        assertEquals(-2.5, misc.get("float"));
        assertEquals("vid\u00e9o \u2192 r\u00e9sum\u00e9", misc.get("unicode"));
        assertTrue(misc.containsKey("none") && misc.get("none") == null);
        assertEquals(Boolean.TRUE, misc.get("t"));
    }

    @Test
    void readsAPlainSavedStateDict() throws IOException {
        CheckpointContents c = TorchCheckpoint.load(CkptFixtures.path("plain_state_dict.pt"));
        assertTrue(c.entries().isEmpty());
        TorchTensor w = c.stateDict().get("transformer_encoder.layers.0.self_attn.in_proj_weight");
        assertNotNull(w);
        assertArrayEquals(new long[] {24, 8}, w.shape());
        assertEquals(CkptFixtures.expected().size(), c.stateDict().size());
    }

    @Test
    void refusesTheLegacyFormatAndSaysHowToConvert() {
        Path f = CkptFixtures.path("legacy_format.pt");
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("legacy") && e.getMessage().contains("re-save"), e.getMessage());
    }

    @Test
    void refusesFilesThatAreNotCheckpoints(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.ckpt"), "hello");
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(text));
        assertTrue(e.getMessage().contains("notes.ckpt") && e.getMessage().contains("not a PyTorch checkpoint"),
                e.getMessage());
        Path empty = Files.write(dir.resolve("empty.ckpt"), new byte[0]);
        assertTrue(assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(empty)).getMessage()
                .contains("empty"));
        Path missing = dir.resolve("absent.ckpt");
        assertTrue(assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(missing)).getMessage()
                .contains("not found"));
    }

    @Test
    void refusesAZipWithoutDataPkl(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path zip = ZipSurgery.rewrite(CkptFixtures.path("plain_state_dict.pt"), dir.resolve("nopkl.pt"),
                (name, data) -> name.endsWith("data.pkl") ? null : data);
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(zip));
        assertTrue(e.getMessage().contains("nopkl.pt") && e.getMessage().contains("data.pkl"), e.getMessage());
    }

    @Test
    void refusesATruncatedStorageNamingTheTensor(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // storage 2 of plain_state_dict.pt holds in_proj_weight (24 x 8 floats = 768 bytes)
        Path zip = ZipSurgery.rewrite(CkptFixtures.path("plain_state_dict.pt"), dir.resolve("cut.pt"),
                (name, data) -> name.endsWith("/data/2") ? java.util.Arrays.copyOf(data, 100) : data);
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(zip));
        assertTrue(e.getMessage().contains("cut.pt") && e.getMessage().contains("truncated")
                && e.getMessage().contains("in_proj_weight"), e.getMessage());
    }

    @Test
    void refusesAMissingStorage(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path zip = ZipSurgery.rewrite(CkptFixtures.path("plain_state_dict.pt"), dir.resolve("hole.pt"),
                (name, data) -> name.endsWith("/data/0") ? null : data);
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(zip));
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("v_cls.weight"), e.getMessage());
    }

    @Test
    void refusesATruncatedPickle(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path zip = ZipSurgery.rewrite(CkptFixtures.path("plain_state_dict.pt"), dir.resolve("half.pt"),
                (name, data) -> name.endsWith("data.pkl") ? java.util.Arrays.copyOf(data, data.length / 2) : data);
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(zip));
        assertTrue(e.getMessage().contains("half.pt") && e.getMessage().contains("data.pkl"), e.getMessage());
    }

    @Test
    void refusesADamagedZip(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        byte[] head = {'P', 'K', 3, 4, 9, 9, 9, 9, 9, 9, 9, 9};
        Path f = Files.write(dir.resolve("broken.ckpt"), head);
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(f));
        assertTrue(e.getMessage().contains("broken.ckpt") && e.getMessage().contains("zip"), e.getMessage());
    }

    @Test
    void refusesAPickleWithoutAStateDictListingWhatItHolds(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        // {"a": 1} as protocol 2: PROTO 2, EMPTY_DICT, MARK, SHORT_BINUNICODE "a", BININT1 1, SETITEMS, STOP
        byte[] pickle = {(byte) 0x80, 2, '}', '(', (byte) 0x8c, 1, 'a', 'K', 1, 'u', '.'};
        Path f = ZipSurgery.rewrite(CkptFixtures.path("plain_state_dict.pt"), dir.resolve("nostate.pt"),
                (name, data) -> name.endsWith("data.pkl") ? pickle : data);
        var e = assertThrows(sspvs.UserException.class, () -> TorchCheckpoint.read(f));
        assertTrue(e.getMessage().contains("no state dict") && e.getMessage().contains("[a]"), e.getMessage());
    }
}
