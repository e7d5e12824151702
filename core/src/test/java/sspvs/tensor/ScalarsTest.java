package sspvs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    private static final float[] X = {1f, 2f, 3f, 4f};

    @Test
    void valuesAreThoseOfDjlsOwnScalarOperations() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(X);
            assertArrayEquals(x.mul(0.3f).toFloatArray(), Scalars.mul(x, 0.3f).toFloatArray(), 0f);
            assertArrayEquals(x.div(0.3f).toFloatArray(), Scalars.div(x, 0.3f).toFloatArray(), 0f);
            assertArrayEquals(x.maximum(2.5f).toFloatArray(), Scalars.maximum(x, 2.5f).toFloatArray(), 0f);
            NDArray y = x.duplicate();
            assertArrayEquals(x.mul(1f / 0.9f).toFloatArray(), Scalars.muli(y, 1f / 0.9f).toFloatArray(), 0f);
            assertArrayEquals(x.mul(1f / 0.9f).toFloatArray(), y.toFloatArray(), 0f, "in place");
        }
    }

    @Test
    void theConstantsGradientSurvivesGarbageCollectionBetweenForwardAndBackward() throws Exception {
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, gradientAfterCollection(x -> Scalars.div(x, 4f)));
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, gradientAfterCollection(x -> Scalars.mul(x, 3f)));
        assertArrayEquals(new float[] {3f, 3f, 3f, 3f}, gradientAfterCollection(x -> Scalars.muli(Scalars.mul(x, 1f), 3f)));
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, gradientAfterCollection(x -> Scalars.maximum(x, 2.5f)));
    }

    /**
     * d(sum(op(x)))/dx with the garbage collector run, and freed small blocks taken again and filled with 1e30,
     * between forward and backward (what DJL's {@code x.div(4f)} answers -3.8e-32 to instead of 0.25).
     */
    static float[] gradientAfterCollection(Function<NDArray, NDArray> op) throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x).sum();
                for (int i = 0; i < 5; i++) {
                    System.gc();
                    Thread.sleep(40); // the cleaner thread frees direct buffers after a collection found them
                }
                try (NDManager junk = manager.newSubManager()) {
                    for (int i = 0; i < 200; i++) {
                        junk.create(1e30f);
                    }
                    collector.backward(y);
                }
            }
            return x.getGradient().toFloatArray();
        }
    }
}
