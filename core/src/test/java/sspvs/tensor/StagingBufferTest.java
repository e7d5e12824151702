package sspvs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class StagingBufferTest {
    private static float[][][] batch(int b, int t, int d, float base) {
        float[][][] out = new float[b][t][d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                for (int k = 0; k < d; k++) {
                    out[i][j][k] = base + 100 * i + 10 * j + k;
                }
            }
        }
        return out;
    }

    @Test
    void aStagedBatchHoldsTheValuesInRowMajorOrder() {
        StagingBuffer staging = new StagingBuffer();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = staging.stage(manager, batch(2, 3, 4, 0f), 3, 4);
            assertEquals(new Shape(2, 3, 4), x.getShape());
            assertArrayEquals(new float[] {110, 111, 112, 113}, x.get(1, 1).toFloatArray());
            assertEquals(0f, x.getFloat(0, 0, 0));
            assertEquals(123f, x.getFloat(1, 2, 3));
        }
    }

    @Test
    void laterBatchesReuseTheSameMemoryAndASmallerLastBatchFits() {
        StagingBuffer staging = new StagingBuffer();
        try (NDManager manager = NDManager.newBaseManager()) {
            try (NDManager step = manager.newSubManager()) {
                staging.stage(step, batch(4, 5, 6, 0f), 5, 6);
            }
            int held = staging.capacityBytes();
            assertEquals(4 * 5 * 6 * Float.BYTES, held);
            float[] second;
            try (NDManager step = manager.newSubManager()) {
                second = staging.stage(step, batch(4, 5, 6, 1000f), 5, 6).toFloatArray();
            }
            try (NDManager step = manager.newSubManager()) {
                NDArray last = staging.stage(step, batch(1, 5, 6, 7f), 5, 6);
                assertEquals(new Shape(1, 5, 6), last.getShape());
                assertArrayEquals(new float[] {7f, 8f, 9f}, last.get(0, 0).get("0:3").toFloatArray());
            }
            assertEquals(held, staging.capacityBytes(), "no new buffer for a batch that fits");
            assertEquals(1000f, second[0]);
            assertEquals(1000f + 100 * 3 + 10 * 4 + 5, second[second.length - 1]);
        }
    }

    @Test
    void flatValuesTakeTheShapeGivenAndAWrongCountIsRefused() {
        StagingBuffer staging = new StagingBuffer();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = staging.stage(manager, new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            assertArrayEquals(new float[] {4, 5, 6}, x.get(1).toFloatArray());
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> staging.stage(manager, new float[] {1, 2, 3}, new Shape(2, 3)));
        }
    }
}
