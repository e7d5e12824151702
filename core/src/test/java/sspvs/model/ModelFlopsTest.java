package sspvs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModelFlopsTest {
    @Test
    void countsEveryMatrixProductOfEveryStage() {
        // d 2, FFN 4, 1 layer, 1 stage, B 1, T 1 -> L 2:
        // qkv 2*2*2*6 = 48, scores 2*2*2*2 = 16, weights*v 16, out 2*2*2*2 = 16, ffn 2*2*2*2*4 = 64, head 2*1*2 = 4
        SummarizerSpec spec = new SummarizerSpec(2, 1, 4, 1, 1, 0.1f, 0f, 0f);
        assertEquals(164, ModelFlops.forward(spec, 1, 1), 1e-9);
        assertEquals(2 * 3 * 164 * 2, ModelFlops.trainingStep(spec.withStages(2), 2, 1), 1e-9);
    }
}
