package sspvs.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextTokenizerTest {
    private static TextTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = TextTokenizer.bundledMiniLm();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void specialTokensHaveTheBertBaseUncasedIds() {
        assertEquals(101, tokenizer.clsId());
        assertEquals(102, tokenizer.sepId());
        assertEquals(0, tokenizer.padId());
    }

    @Test
    void lowerCasesSplitsPunctuationAndWordPieces() {
        // ids read from the vocabulary of all-minilm-l6-v2-tokenizer.json
        assertArrayEquals(new long[] {1996, 4248, 2829, 4419, 1010, 10506, 18321, 999},
                tokenizer.encode("The Quick brown fox, beekeeping!"));
        assertArrayEquals(new String[] {"una", "##ffa", "##ble"}, tokenizer.tokens("unaffable"));
    }

    @Test
    void addsNoSpecialTokensAndNeverPads() {
        assertArrayEquals(new long[] {2380, 8162}, tokenizer.encode("parkour"));
        assertEquals(0, tokenizer.encode("").length);
    }

    @Test
    void keepsTextsLongerThanTheJsonTruncationLength() {
        String text = "dog ".repeat(300); // the shipped JSON truncates and pads to 128
        long[] ids = tokenizer.encode(text);
        assertEquals(300, ids.length);
        assertEquals(3899, ids[299]);
    }
}
