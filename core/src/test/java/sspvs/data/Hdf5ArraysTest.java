package sspvs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.api.Dataset;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class Hdf5ArraysTest {
    /** A dataset of the given shape whose data jhdf cannot hand over (as for h5py's zero-size arrays). */
    private static Dataset emptyDataset(int... dims) {
        return (Dataset) Proxy.newProxyInstance(Dataset.class.getClassLoader(), new Class<?>[] {Dataset.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getDimensions" -> dims;
                    case "isScalar" -> false;
                    case "getDataFlat", "getData" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aZeroSizeDatasetIsEmptyNotNotNumeric() {
        // a [0, n] user_summary (a video with no users) then reads as "has no users" in Eccv16File
        Hdf5Arrays.Flat flat = Hdf5Arrays.read(emptyDataset(0, 30));
        assertEquals(0, flat.values().length);
        assertArrayEquals(new int[] {0, 30}, flat.dims());
    }
}
