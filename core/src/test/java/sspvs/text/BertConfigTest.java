package sspvs.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BertConfigTest {

    /** The tensor shapes of {@code config}'s BERT, as a checkpoint stores them. */
    private static Map<String, long[]> shapesOf(BertConfig config) {
        Map<String, long[]> out = new LinkedHashMap<>();
        new BertTextEncoder(config).parameterShapes().forEach((n, s) -> out.put(n, s.getShape()));
        return out;
    }

    @Test
    void sizesOfBertBaseAndMiniLmAreReadBackFromTheirTensorShapes() {
        assertEquals(BertConfig.bertBase(), BertConfig.inferFrom(shapesOf(BertConfig.bertBase())));
        assertEquals(BertConfig.miniLmL6(), BertConfig.inferFrom(shapesOf(BertConfig.miniLmL6())));
        assertEquals(BertConfig.miniLmL6().withLayers(2),
                BertConfig.inferFrom(shapesOf(BertConfig.miniLmL6().withLayers(2))));
    }

    @Test
    void noBertTensorsMeansNoBertAndAWidthWithoutAHeadCountIsRejected() {
        assertNull(BertConfig.inferFrom(Map.of("v_cls.weight", new long[] {1, 16})));
        Map<String, long[]> odd = shapesOf(new BertConfig(20, 1, 4, 40, 100, 16, 2, 1e-12f, 0.1f, 0.1f, 0.02f));
        assertThrows(IllegalArgumentException.class, () -> BertConfig.inferFrom(odd));
        Map<String, long[]> partial = new LinkedHashMap<>();
        partial.put("bert_embeddings.word_embeddings.weight", new long[] {100, 24});
        assertThrows(IllegalArgumentException.class, () -> BertConfig.inferFrom(partial));
    }
}
