package sspvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import sspvs.UserException;

/** The SSL config: the shipped file carries the reference's values; loading is strict. */
class SslConfigTest {
    private static final Path SHIPPED = Path.of("configs/ssl.yaml");

    @Test
    void shippedConfigHasTheReferenceValues() {
        SslConfig c = SslConfig.load(SHIPPED);
        assertEquals("ssl_model", c.modelName());
        assertEquals(0.1, c.dropoutVid());
        assertEquals(8, c.nheadVid());
        assertEquals(4096, c.nhidVid());
        assertEquals(3, c.nlayersVid());
        assertEquals(1.0, c.posEncWeight());
        assertTrue(c.textTrainable());
        assertEquals(9, c.windowSize());
        assertEquals(List.of(2, 2, 5, 50, 256), List.of(c.maxCat(), c.maxQuery(), c.maxTitle(), c.maxDesc(),
                c.maxVideo()));
        assertNull(c.resume());
        assertEquals(1e-6, c.lr());
        assertEquals(List.of(300), c.milestones());
        assertEquals(200, c.maxEpochs());
        assertEquals(8, c.batchSizeTrain());
        assertEquals(5.0, c.alpha1());
        assertEquals(1.0, c.alpha2());
        assertEquals(1.414, c.margin());
        assertEquals(12345, c.seed());
        assertEquals(List.of("val/video_text_acc", "max"), c.monitor());
        assertEquals(2, c.valFreq());
        assertEquals(8, c.setMultiply());
        assertEquals(SslConfig.MINILM, c.textEncoder());
        assertEquals(1024, c.featureDim());
    }

    @Test
    void theReferenceFileWithoutOurKeysLoadsWithTheSameValues() throws Exception {
        String text = Files.readString(SHIPPED);
        String referenceOnly = text.substring(0, text.indexOf("# sspvs only"));
        assertEquals(SslConfig.load(SHIPPED), SslConfig.parse(referenceOnly, "reference keys"));
    }

    @Test
    void unknownKeysWrongTypesAndUnsupportedValuesAreNamed() {
        UserException unknown = assertThrows(UserException.class,
                () -> SslConfig.parse("lerning_rate: 1\n", "test.yaml"));
        assertTrue(unknown.getMessage().contains("unknown key 'lerning_rate'"), unknown.getMessage());
        SslConfig c = SslConfig.load(SHIPPED);
        UserException type = assertThrows(UserException.class, () -> c.withOverrides("nlayers_vid=three"));
        assertTrue(type.getMessage().contains("'nlayers_vid'"), type.getMessage());
        UserException window = assertThrows(UserException.class, () -> c.withOverrides("window_size=8"));
        assertTrue(window.getMessage().contains("window_size"), window.getMessage());
        UserException missing = assertThrows(UserException.class, () -> SslConfig.parse("lr: 0.1\n", "small.yaml"));
        assertTrue(missing.getMessage().contains("missing required key(s)"), missing.getMessage());
    }

    @Test
    void overridesApplyAndRoundTripThroughJson() {
        SslConfig c = SslConfig.load(SHIPPED).withOverrides("lr=1e-4", "milestones=[10, 20]", "text_layers=2");
        assertEquals(1e-4, c.lr());
        assertEquals(List.of(10, 20), c.milestones());
        assertEquals(2, c.textLayers());
        assertTrue(c.toJson().contains("\"window_size\" : 9"));
    }

    @Test
    void unsortedMilestonesAreRejected() {
        UserException e = assertThrows(UserException.class,
                () -> SslConfig.load(SHIPPED).withOverrides("milestones=[30, 10]"));
        assertTrue(e.getMessage().contains("'milestones'") && e.getMessage().contains("increasing"), e.getMessage());
        assertThrows(UserException.class, () -> SslConfig.load(SHIPPED).withOverrides("val_freq=0"));
    }
}
