package sspvs.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class InPlaceCopyTest {
    @Test
    void writesTheValuesIntoTheSameTensorInRowMajorOrder() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = manager.zeros(new Shape(2, 3));
            NDArray view = target; // a parameter or optimiser slot holding the tensor
            InPlaceCopy.into(target, new float[] {1, 2, 3, 4, 5, 6});
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, view.toFloatArray());
            assertArrayEquals(new float[] {4, 5, 6}, view.get(1).toFloatArray());
        }
    }

    @Test
    void aLearningTensorStillLearnsAfterTheCopy() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.zeros(new Shape(3));
            weight.setRequiresGradient(true);
            InPlaceCopy.into(weight, new float[] {1, 2, 3});
            assertTrue(weight.hasGradient());
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray loss = weight.mul(weight).sum();
                collector.backward(loss);
            }
            assertArrayEquals(new float[] {2, 4, 6}, weight.getGradient().toFloatArray());
        }
    }

    @Test
    void aFrozenTensorStaysFrozen() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray frozen = manager.zeros(new Shape(2));
            InPlaceCopy.into(frozen, new float[] {7, 8});
            assertFalse(frozen.hasGradient());
        }
    }

    @Test
    void theWrongNumberOfValuesIsRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray target = manager.zeros(new Shape(2, 2));
            assertThrows(IllegalArgumentException.class, () -> InPlaceCopy.into(target, new float[] {1, 2, 3}));
        }
    }
}
