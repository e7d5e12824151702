package sspvs.model.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StorageTypeTest {
    @Test
    void halfPrecisionBitPatternsDecodeExactly() {
        assertEquals(1f, StorageType.halfToFloat((short) 0x3c00));
        assertEquals(-2f, StorageType.halfToFloat((short) 0xc000));
        assertEquals(65504f, StorageType.halfToFloat((short) 0x7bff)); // largest finite
        assertEquals(0x1p-24f, StorageType.halfToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(0x1p-14f, StorageType.halfToFloat((short) 0x0400)); // smallest normal
        assertEquals(Float.POSITIVE_INFINITY, StorageType.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(StorageType.halfToFloat((short) 0x7e00)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(StorageType.halfToFloat((short) 0x8000)));
    }
}
