package sspvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sspvs.UserException;

class RunConfigTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ts_c", "ts_c_tg", "ts_a", "ts_t", "sm_c", "sm_c_tg", "sm_a", "sm_t"})
    void everyReferenceConfigLoads(String name) {
        RunConfig c = RunConfig.load(Path.of("configs", name + ".yaml"));
        assertEquals("sspvs", c.modelName());
        assertEquals(512, c.maxVideo());
        assertEquals(List.of(200), c.milestones());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ts_c", "ts_c_tg", "ts_a", "ts_t", "sm_c", "sm_c_tg", "sm_a", "sm_t"})
    void everyBundledConfigSaysItsMetricAndSelectionRuleAsTheReferenceWouldGuessThem(String name) {
        RunConfig c = RunConfig.load(Path.of("configs", name + ".yaml"));
        assertEquals(name.startsWith("ts") ? "avg" : "max", c.evalMetric());
        // the reference's best_f_case: F alone for every TVSum config and sm_t, F + Kendall for the other SumMe ones
        String reference = name.startsWith("ts") || name.equals("sm_t") ? "f_score" : "f_score_plus_kendall";
        assertEquals(reference, c.selectionRule());
        assertEquals(reference, c.requiredSelectionRule("config " + name));
    }

    @Test
    void aConfigWithoutSelectionRuleLoadsButTrainingRefusesItNamingTheFileKeyValuesAndTheReferencesChoice()
            throws Exception {
        String yaml = Files.readString(Path.of("configs/ts_c.yaml")).lines()
                .filter(l -> !l.startsWith("selection_rule:")).collect(java.util.stream.Collectors.joining("\n"));
        Path file = Files.writeString(dir.resolve("ts_mine.yaml"), yaml);
        RunConfig c = RunConfig.load(file); // read for its architecture (predict, summarize): fine
        assertNull(c.selectionRule());
        UserException e = assertThrows(UserException.class, () -> c.requiredSelectionRule("config " + file));
        String m = e.getMessage();
        assertTrue(m.startsWith("config " + file + ": no key 'selection_rule'") && !m.contains("\n"), m);
        assertTrue(m.contains("not guessed from the config's name") && m.contains("f_score or f_score_plus_kendall")
                && m.contains("f_score for every TVSum config and for sm_t")
                && m.contains("f_score_plus_kendall for the other SumMe configs"), m);
        assertEquals("f_score", c.withOverrides("selection_rule=f_score").requiredSelectionRule("config " + file));
    }

    @Test
    void evalMetricAndSelectionRuleAcceptOnlyTheirValues() {
        RunConfig c = RunConfig.load(Path.of("configs/ts_c.yaml"));
        assertEquals("max", c.withOverrides("eval_metric=max").evalMetric());
        assertNull(c.withOverrides("eval_metric=null").evalMetric());
        UserException e = assertThrows(UserException.class, () -> c.withOverrides("eval_metric=mean"));
        assertTrue(e.getMessage().contains("eval_metric") && e.getMessage().contains("avg or max"), e.getMessage());
        e = assertThrows(UserException.class, () -> c.withOverrides("selection_rule=kendall"));
        assertTrue(e.getMessage().contains("f_score or f_score_plus_kendall"), e.getMessage());
    }

    @Test
    void canonicalTvsumValuesAreTheReferences() {
        RunConfig c = RunConfig.load(Path.of("configs/ts_c.yaml"));
        assertEquals(4, c.iter());
        assertEquals(5e-5, c.lr());
        assertEquals(12345, c.seed());
        assertEquals(1, c.setMultiply(), "absent in ts_c: the reference's default");
        assertFalse(c.withInfoGuide());
        assertEquals("pretrained_model.ckpt", c.resume());
        RunConfig aug = RunConfig.load(Path.of("configs/ts_a.yaml"));
        assertNull(aug.dataFile(), "augmented configs read several files");
        assertEquals(0.3, aug.dropoutPredictor());
        assertEquals(2, aug.setMultiply());
    }

    @Test
    void unknownKeyIsAnErrorNamingKeyAndFile() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, Files.readString(Path.of("configs/ts_c.yaml")) + "\nlearning_rate: 0.1\n");
        UserException e = assertThrows(UserException.class, () -> RunConfig.load(file));
        assertTrue(e.getMessage().contains("learning_rate") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void missingRequiredKeyAndWrongTypeAreErrors() throws Exception {
        String text = Files.readString(Path.of("configs/ts_c.yaml"));
        Path noLr = dir.resolve("nolr.yaml");
        Files.writeString(noLr, text.replace("lr: 0.00005", ""));
        assertTrue(assertThrows(UserException.class, () -> RunConfig.load(noLr)).getMessage().contains("lr"));
        Path badIter = dir.resolve("bad.yaml");
        Files.writeString(badIter, text.replace("iter: 4", "iter: four"));
        UserException e = assertThrows(UserException.class, () -> RunConfig.load(badIter));
        assertTrue(e.getMessage().contains("'iter'"), e.getMessage());
    }

    @Test
    void overridesReplaceValuesAndRejectUnknownKeys() {
        RunConfig c = RunConfig.load(Path.of("configs/ts_c.yaml"));
        RunConfig o = c.withOverrides("lr=1e-4", "milestones=[10, 20]", "resume=null", "max_epochs=2");
        assertEquals(1e-4, o.lr());
        assertEquals(List.of(10, 20), o.milestones());
        assertNull(o.resume());
        assertEquals(2, o.maxEpochs());
        assertEquals(c.iter(), o.iter());
        UserException e = assertThrows(UserException.class, () -> c.withOverrides("max_epoch=3"));
        assertTrue(e.getMessage().contains("max_epoch") && e.getMessage().contains("max_epochs"), e.getMessage());
        assertThrows(UserException.class, () -> c.withOverrides("lr"));
    }

    @Test
    void anUnsupportedValueSaysWhichValuesAreSupported() {
        RunConfig c = RunConfig.load(Path.of("configs/ts_c.yaml"));
        assertEquals("--set: key 'loss' must be mse (the only loss supported), not 'l1'",
                assertThrows(UserException.class, () -> c.withOverridesFrom("--set", "loss=l1")).getMessage());
        assertEquals("override: key 'dropout_vid' must be in [0, 1)",
                assertThrows(UserException.class, () -> c.withOverrides("dropout_vid=1.5")).getMessage());
        assertEquals("override: key 'iter' must be >= 1",
                assertThrows(UserException.class, () -> c.withOverrides("iter=0")).getMessage());
    }

    @Test
    void jsonRoundTripIsExact() {
        RunConfig c = RunConfig.load(Path.of("configs/sm_c_tg.yaml"));
        assertEquals(c, RunConfig.fromJson(c.toJson(), "test"));
        assertTrue(c.toJson().contains("\"batch_size_train\""), "JSON uses the reference's keys");
    }

    @Test
    void valFreqZeroAndUnsortedMilestonesAreRejected() {
        RunConfig c = RunConfig.load(Path.of("configs/ts_c.yaml"));
        UserException zero = assertThrows(UserException.class, () -> c.withOverrides("val_freq=0"));
        assertTrue(zero.getMessage().contains("'val_freq'"), zero.getMessage());
        UserException unsorted = assertThrows(UserException.class, () -> c.withOverrides("milestones=[20, 10]"));
        assertTrue(unsorted.getMessage().contains("'milestones'") && unsorted.getMessage().contains("increasing"),
                unsorted.getMessage());
        assertEquals(List.of(10, 10, 20), c.withOverrides("milestones=[10, 10, 20]").milestones(),
                "a repeated milestone drops the rate twice, as torch's MultiStepLR does");
    }

    @Test
    void headsAreNotCheckedAgainstAFixed1024Width() {
        // 6 heads do not divide 1024 but do divide 768 (e.g. CLIP or bert-sized features)
        RunConfig c = RunConfig.load(Path.of("configs/ts_c.yaml")).withOverrides("nhead_vid=6");
        assertEquals(768, sspvs.model.SummarizerSpec.of(768, c).dModel());
        assertThrows(UserException.class, () -> sspvs.model.SummarizerCheckpoints.specOf(1024, c));
    }
}
