package sspvs.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sspvs.UserException;

class NonStrictLoadTest {
    private final Path file = CkptFixtures.path("lightning_style.ckpt");
    private final StateDict ckpt = TorchCheckpoint.read(file);

    /** A tiny summarizer with 3 stages: the third score head is not in the checkpoint. */
    private static Map<String, long[]> tinySummarizer() {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("v_cls.weight", new long[] {1, 8});
        m.put("transformer_encoder.layers.0.self_attn.in_proj_weight", new long[] {24, 8});
        m.put("transformer_encoder.layers.0.self_attn.in_proj_bias", new long[] {24});
        for (int i = 0; i < 3; i++) {
            m.put("score_predict." + i + ".1.weight", new long[] {1, 8});
            m.put("score_predict." + i + ".1.bias", new long[] {1});
        }
        return m;
    }

    @Test
    void stripsThePrefixAndSortsNamesIntoMatchedMissingAndUnexpected() {
        LoadReport r = NonStrictLoad.match(ckpt, NonStrictLoad.LIGHTNING_PREFIX, tinySummarizer(), file);
        assertEquals(List.of("v_cls.weight", "transformer_encoder.layers.0.self_attn.in_proj_weight",
                "transformer_encoder.layers.0.self_attn.in_proj_bias", "score_predict.0.1.weight",
                "score_predict.0.1.bias", "score_predict.1.1.weight", "score_predict.1.1.bias"),
                new ArrayList<>(r.matched().keySet()));
        assertSame(ckpt.get("video_model.v_cls.weight"), r.matched().get("v_cls.weight"));
        assertEquals(List.of("score_predict.2.1.weight", "score_predict.2.1.bias"), r.missing());
        assertFalse(r.complete());
        assertEquals(List.of("video_model.pos_encoder.pe",
                "video_model.transformer_encoder.layers.0.self_attn.out_proj.weight",
                "video_model.transformer_encoder.layers.0.self_attn.out_proj.bias",
                "video_model.transformer_encoder.layers.0.linear1.weight",
                "video_model.transformer_encoder.layers.0.linear1.bias",
                "video_model.transformer_encoder.layers.0.norm1.weight",
                "video_model.transformer_encoder.layers.0.norm1.bias",
                "video_model.bn.num_batches_tracked", "video_model.v_mask.weight"), r.unexpected());
    }

    @Test
    void namesWithoutThePrefixAreUnexpectedNotMatched() {
        StateDict sd = new StateDict()
                .put("video_model.v_cls.weight", new TorchTensor(new long[] {1, 2}, new float[] {1, 2}))
                .put("loss.weight", new TorchTensor(new long[] {1}, new float[] {3}))
                .put("v_cls.weight", new TorchTensor(new long[] {1, 2}, new float[] {9, 9}));
        LoadReport r = NonStrictLoad.match(sd, "video_model.", Map.of("v_cls.weight", new long[] {1, 2}), "x.ckpt");
        assertArrayEquals(new float[] {1, 2}, r.matched().get("v_cls.weight").data());
        assertEquals(List.of("loss.weight", "v_cls.weight"), r.unexpected());
        assertTrue(r.complete());
    }

    @Test
    void anEmptyPrefixMatchesNamesAsTheyAre() {
        StateDict plain = TorchCheckpoint.read(CkptFixtures.path("plain_state_dict.pt"));
        LoadReport r = NonStrictLoad.match(plain, "", tinySummarizer(), "plain_state_dict.pt");
        assertEquals(7, r.matched().size());
        assertEquals(2, r.missing().size());
        assertEquals(plain.size() - 7, r.unexpected().size());
    }

    @Test
    void aShapeMismatchNamesTheParameterBothShapesAndTheFile() {
        Map<String, long[]> wide = tinySummarizer();
        wide.put("v_cls.weight", new long[] {1, 1024});
        UserException e = assertThrows(UserException.class,
                () -> NonStrictLoad.match(ckpt, "video_model.", wide, file));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()) && m.contains("v_cls.weight") && m.contains("[1, 8]")
                && m.contains("[1, 1024]"), m);
    }

    @Test
    void describeSummarisesCountsAndGroupsLongLists() {
        String d = NonStrictLoad.match(ckpt, "video_model.", tinySummarizer(), "pretrained_model.ckpt").describe();
        assertTrue(d.startsWith("Loaded 7 of 9 parameters from pretrained_model.ckpt (prefix 'video_model.' "
                + "stripped)"), d);
        assertTrue(d.contains("2 missing, left as initialised: score_predict.2.1.weight, score_predict.2.1.bias"), d);
        // 9 unused names, more than 8: grouped by module
        assertTrue(d.contains("9 unused in the checkpoint: video_model.bn (1), video_model.pos_encoder (1), "
                + "video_model.transformer_encoder (6), video_model.v_mask (1)"), d);
    }

    @Test
    void fromFileGivesTheSameReportAsMatchingTheWholeStateDict() {
        LoadReport whole = NonStrictLoad.match(ckpt, "video_model.", tinySummarizer(), file);
        LoadReport partial = NonStrictLoad.fromFile(file, "video_model.", tinySummarizer());
        assertEquals(whole.matched(), partial.matched());
        assertEquals(whole.missing(), partial.missing());
        assertEquals(whole.unexpected(), partial.unexpected());
        assertEquals(whole.describe(), partial.describe());
    }

    @Test
    void fromFileNeverReadsTheStoragesItDoesNotNeed(@org.junit.jupiter.api.io.TempDir Path dir)
            throws java.io.IOException {
        // storage 6 holds linear1.weight/bias of plain_state_dict.pt; the tiny summarizer does not use them
        Path damaged = ZipSurgery.rewrite(CkptFixtures.path("plain_state_dict.pt"), dir.resolve("part.pt"),
                (name, data) -> name.endsWith("/data/6") ? new byte[0] : data);
        assertThrows(UserException.class, () -> TorchCheckpoint.read(damaged));
        LoadReport r = NonStrictLoad.fromFile(damaged, "", tinySummarizer());
        assertEquals(7, r.matched().size());
        assertTrue(r.unexpected().contains("transformer_encoder.layers.0.linear1.weight"));
    }
}
