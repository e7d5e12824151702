package sspvs.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrainingDropoutTest {

    @Test
    void keepsAboutOneMinusRateOfTheValuesScaledByTorchsFactorAndZeroesTheRest() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] out = TrainingDropout.apply(m.ones(new Shape(200_000)), 0.1f).toFloatArray();
            float scale = 1f / 0.9f;
            long kept = 0;
            for (float v : out) {
                assertTrue(v == 0f || v == scale, "value " + v);
                kept += v == scale ? 1 : 0;
            }
            // 0.9 ± 5 standard deviations of a binomial over 200k draws
            assertEquals(0.9, kept / 200_000.0, 5 * Math.sqrt(0.09 / 200_000));
        }
    }

    @Test
    void masksRepeatUnderTheEngineSeedAndDifferBetweenCalls() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(4, 1000));
            Engine.getInstance().setRandomSeed(42);
            float[] first = TrainingDropout.apply(x, 0.3f).toFloatArray();
            float[] second = TrainingDropout.apply(x, 0.3f).toFloatArray();
            Engine.getInstance().setRandomSeed(42);
            assertArrayEquals(first, TrainingDropout.apply(x, 0.3f).toFloatArray());
            assertFalse(Arrays.equals(first, second));
        }
    }

    @Test
    void theGradientPassesThroughTheSameMask() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(3, 5000));
            x.setRequiresGradient(true);
            float[] y;
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray out = TrainingDropout.apply(x, 0.5f);
                y = out.div(x).toFloatArray(); // the mask itself
                c.backward(out.sum());
            }
            assertArrayEquals(y, x.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void rateZeroIsTheIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(3));
            assertSame(x, TrainingDropout.apply(x, 0f));
        }
    }
}
