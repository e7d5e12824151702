package sspvs.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One direct buffer that holds a sequence of input tensors in turn: each {@link #stage} writes the values into it and
 * returns a tensor over it, without copying again.
 *
 * <p>Why: DJL's {@code create(float[])} copies into a fresh direct buffer that the tensor then uses in place, and
 * that buffer's memory goes back only when the garbage collector finds it. A training step's input (8 MB at batch
 * 4 × 512 × 1024) thus lingered until the next collection, a new block of the C heap every step, and resident
 * memory moved with the collector's timing. Staged, the input sits in the same memory every step.
 *
 * <p>Only for a tensor that is closed before the next one is staged (a training step's input, closed with the
 * step's manager after backward has released what autograd kept). Not for several threads.
 */
public final class StagingBuffer {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /** batch [b][t][d] as a float tensor [b, t, d] in {@code manager}, over this buffer. */
    public NDArray stage(NDManager manager, float[][][] batch, int t, int d) {
        int b = batch.length;
        FloatBuffer values = reserve(Math.multiplyExact(Math.multiplyExact(b, t), d));
        for (float[][] video : batch) {
            for (int i = 0; i < t; i++) {
                values.put(video[i], 0, d);
            }
        }
        return manager.create(slice(values.capacity()), new Shape(b, t, d), DataType.FLOAT32);
    }

    /** {@code values} (row-major, as many as {@code shape} holds) as a float tensor in {@code manager}, over this buffer. */
    public NDArray stage(NDManager manager, float[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(shape + " holds " + shape.size() + " values, got " + values.length);
        }
        reserve(values.length).put(values);
        return manager.create(slice(values.length), shape, DataType.FLOAT32);
    }

    /** Bytes held now (the largest input staged so far). */
    public int capacityBytes() {
        return buffer.capacity();
    }

    private FloatBuffer reserve(int floats) {
        int bytes = Math.multiplyExact(floats, Float.BYTES);
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        return slice(floats).asFloatBuffer();
    }

    private ByteBuffer slice(int floats) {
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        view.position(0).limit(floats * Float.BYTES);
        return view.slice().order(ByteOrder.nativeOrder());
    }
}
