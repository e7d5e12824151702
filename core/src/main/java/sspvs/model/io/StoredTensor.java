package sspvs.model.io;

import java.util.Arrays;

/**
 * A tensor as the pickle describes it, before its values are read: which storage (a file in the archive),
 * where in it the tensor starts, its sizes and strides. State-dict tensors are turned into {@link TorchTensor}s;
 * tensors elsewhere in a checkpoint (optimizer moments, callback scores) stay in this form, so reading a
 * checkpoint never loads more than the weights.
 */
public final class StoredTensor {
    final String storageKey;
    final String storageClass;
    final StorageType type; // null when the storage class is one we cannot decode
    final long storageNumel;
    final long offset;
    final long[] size;
    final long[] stride;

    StoredTensor(String storageKey, String storageClass, StorageType type, long storageNumel, long offset,
            long[] size, long[] stride) {
        this.storageKey = storageKey;
        this.storageClass = storageClass;
        this.type = type;
        this.storageNumel = storageNumel;
        this.offset = offset;
        this.size = size;
        this.stride = stride;
    }

    public long[] shape() {
        return size.clone();
    }

    /** The torch dtype name, or the storage class name where we do not know the type. */
    public String dtype() {
        return type != null ? type.dtype : storageClass;
    }

    /** True when the elements lie in row-major order without gaps (strides as a fresh tensor would have). */
    boolean isContiguous() {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    /** One past the largest storage index this view touches (offset for an empty tensor). */
    long extent() {
        long last = offset;
        for (int d = 0; d < size.length; d++) {
            if (size[d] == 0) {
                return offset;
            }
            last += (size[d] - 1) * stride[d];
        }
        return last + 1;
    }

    @Override
    public String toString() {
        return "StoredTensor" + Arrays.toString(size) + " " + dtype() + " (storage " + storageKey + ")";
    }
}
