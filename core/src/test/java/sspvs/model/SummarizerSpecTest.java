package sspvs.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import sspvs.config.RunConfig;

class SummarizerSpecTest {
    @Test
    void theScoreHeadsGetTheReferencesHardCodedDropoutWhateverDropoutPredictorSays() {
        for (String name : new String[] {"ts_a", "ts_t", "ts_c", "sm_a"}) {
            RunConfig config = RunConfig.load(Path.of("configs/" + name + ".yaml"));
            SummarizerSpec spec = SummarizerSpec.of(1024, config);
            assertEquals(0.1f, spec.dropoutPredictor(), name);
            assertEquals((float) config.dropoutVid(), spec.dropout(), name);
            assertEquals(config.iter(), spec.stages(), name);
        }
    }

    @Test
    void dropoutPredictorIsHonouredOnlyWhenTheConfigOptsIn() {
        RunConfig tsA = RunConfig.load(Path.of("configs/ts_a.yaml"));
        assertEquals(0.3, tsA.dropoutPredictor(), 1e-9, "the key keeps its value for round trips");
        assertEquals(0.3f, SummarizerSpec.of(1024, tsA.withOverrides("use_dropout_predictor=true"))
                .dropoutPredictor());
        RunConfig tsT = RunConfig.load(Path.of("configs/ts_t.yaml")).withOverrides("use_dropout_predictor=true");
        assertEquals(0.5f, SummarizerSpec.of(1024, tsT).dropoutPredictor());
    }

    @Test
    void theFeatureWidthIsTheCallersNotAFixed1024() {
        RunConfig config = RunConfig.load(Path.of("configs/ts_c.yaml")).withOverrides("nhead_vid=2");
        assertEquals(16, SummarizerSpec.of(16, config).dModel());
    }
}
