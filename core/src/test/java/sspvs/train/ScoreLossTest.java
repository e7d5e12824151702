package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ScoreLossTest {

    @Test
    void normalisesEachRowToZeroOneIncludingPaddingZeros() {
        float[][] out = ScoreLoss.normaliseTargets(new float[][] {{2, 4, 3}, {1, 3, 0}});
        assertArrayEquals(new float[] {0, 1, 0.5f}, out[0]);
        assertArrayEquals(new float[] {1f / 3, 1, 0}, out[1], 1e-7f);
    }

    @Test
    void constantRowBecomesZerosInsteadOfNaN() {
        assertArrayEquals(new float[] {0, 0, 0}, ScoreLoss.normaliseTargets(new float[][] {{2, 2, 2}})[0]);
        assertArrayEquals(new float[] {0, 0}, ScoreLoss.normaliseTargets(new float[][] {{0, 0}})[0]);
    }

    @Test
    void mseIsTheMeanSquaredErrorNotHalfOfIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = ScoreLoss.mse(m.create(new float[] {1, 0, 0, 0}, new ai.djl.ndarray.types.Shape(2, 2)),
                    m.zeros(new ai.djl.ndarray.types.Shape(2, 2))).getFloat();
            assertEquals(0.25f, loss, 1e-7f);
        }
    }
}
