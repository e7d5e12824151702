package sspvs.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointWriteTest {
    /** Committed output of {@link #goldenInput()}; torch 1.13 loaded it (tools/make_ckpt_fixture.py --verify). */
    static final String GOLDEN = "written_by_sspvs.ckpt";

    @TempDir
    Path dir;

    /** The torch fixture's state dict (as float32) plus extra entries of every supported kind. */
    static StateDict goldenInput() {
        StateDict read = TorchCheckpoint.read(CkptFixtures.path("lightning_style.ckpt"));
        StateDict sd = new StateDict();
        read.asMap().forEach((name, t) -> sd.put(name, new TorchTensor(t.shape(), t.data())));
        return sd;
    }

    static Map<String, Object> goldenExtra() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("sspvs_config", "{\"model\":{\"d_model\":8,\"iter\":2},\"seed\":0}");
        extra.put("epoch", 3);
        extra.put("global_step", 5_000_000_000L);
        extra.put("lr", 1e-4);
        extra.put("finished", true);
        extra.put("note", null);
        extra.put("milestones", List.of(200, -1));
        extra.put("versions", Map.of("sspvs", "0.1.0"));
        return extra;
    }

    @Test
    void writtenCheckpointReadsBackWithTheSameTensorsAndEntries() {
        Path f = dir.resolve("model.ckpt");
        StateDict in = goldenInput();
        in.put("empty", new TorchTensor(new long[] {0, 3}, new float[0]));
        in.put("scalar", new TorchTensor(new long[] {}, new float[] {Float.NaN}));
        TorchCheckpoint.write(f, in, goldenExtra());

        CheckpointContents back = TorchCheckpoint.load(f);
        assertEquals(new ArrayList<>(in.names()), new ArrayList<>(back.stateDict().names()));
        for (String name : in.names()) {
            assertArrayEquals(in.get(name).shape(), back.stateDict().get(name).shape(), name);
            assertArrayEquals(in.get(name).data(), back.stateDict().get(name).data(), name);
            assertEquals("float32", back.stateDict().get(name).dtype());
        }
        assertEquals(goldenExtra().get("sspvs_config"), back.stringEntry("sspvs_config"));
        assertEquals(3L, back.longEntry("epoch"));
        assertEquals(5_000_000_000L, back.longEntry("global_step"));
        assertEquals(1e-4, back.entries().get("lr"));
        assertEquals(true, back.entries().get("finished"));
        assertTrue(back.entries().containsKey("note") && back.entries().get("note") == null);
        assertEquals(List.of(200L, -1L), back.entries().get("milestones"));
        assertEquals(Map.of("sspvs", "0.1.0"), back.entries().get("versions"));
    }

    @Test
    void sameInputGivesTheCommittedTorchVerifiedBytes() throws IOException {
        Path f = dir.resolve("again.ckpt");
        TorchCheckpoint.write(f, goldenInput(), goldenExtra());
        String regenerate = System.getProperty("sspvs.ckpt.regenerateGolden");
        if (regenerate != null) { // maintainers: -Dsspvs.ckpt.regenerateGolden=src/test/resources/ckpt
            Files.copy(f, Path.of(regenerate, GOLDEN), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertArrayEquals(Files.readAllBytes(CkptFixtures.path(GOLDEN)), Files.readAllBytes(f),
                "writer output changed; re-verify with torch (tools/make_ckpt_fixture.py --verify) before updating "
                        + GOLDEN);
    }

    @Test
    void entryDataStartsOn64ByteBoundariesAsTorchWrites() throws IOException {
        Path f = dir.resolve("aligned.ckpt");
        TorchCheckpoint.write(f, goldenInput(), Map.of());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        List<String> names = new ArrayList<>();
        while (b.getInt(pos) == 0x04034b50) { // local file headers, one after another
            assertEquals(0, b.getShort(pos + 8), "STORED");
            int size = b.getInt(pos + 18);
            int nameLen = b.getShort(pos + 26);
            int extraLen = b.getShort(pos + 28);
            byte[] name = new byte[nameLen];
            b.get(pos + 30, name);
            names.add(new String(name, java.nio.charset.StandardCharsets.UTF_8));
            int data = pos + 30 + nameLen + extraLen;
            assertEquals(0, data % 64, "data of " + names.get(names.size() - 1) + " at " + data);
            pos = data + size;
        }
        assertEquals("archive/data.pkl", names.get(0));
        assertTrue(names.contains("archive/byteorder") && names.contains("archive/data/0"));
        assertEquals("archive/version", names.get(names.size() - 1));
        assertEquals(goldenInput().size() + 3, names.size());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("sub/model.ckpt");
        TorchCheckpoint.write(f, goldenInput(), Map.of());
        StateDict small = new StateDict().put("w", new TorchTensor(new long[] {2}, new float[] {1, 2}));
        TorchCheckpoint.write(f, small, Map.of());
        assertEquals(1, TorchCheckpoint.read(f).size());
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void refusesExtraEntriesItCannotStoreWithoutTouchingTheTarget() {
        Path f = dir.resolve("bad.ckpt");
        assertThrows(IllegalArgumentException.class,
                () -> TorchCheckpoint.write(f, goldenInput(), Map.of("state_dict", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> TorchCheckpoint.write(f, goldenInput(), Map.of("when", new java.util.Date())));
        assertTrue(Files.notExists(f));
    }

    @Test
    void prefixedWeightsCarryTheNamesTheLightningModuleLooksFor() {
        Path f = dir.resolve("for_reference.ckpt");
        StateDict ours = new StateDict().put("v_cls.weight", new TorchTensor(new long[] {1, 2}, new float[] {3, 4}));
        TorchCheckpoint.write(f, ours.withPrefix(NonStrictLoad.LIGHTNING_PREFIX), Map.of());
        LoadReport r = NonStrictLoad.fromFile(f, NonStrictLoad.LIGHTNING_PREFIX, Map.of("v_cls.weight", new long[] {1, 2}));
        assertTrue(r.complete() && r.unexpected().isEmpty());
        assertArrayEquals(new float[] {3, 4}, r.matched().get("v_cls.weight").data());
    }
}
