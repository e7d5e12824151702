package sspvs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class RunResultsTest {
    private static final String HEADER = "split,epoch,set,f_score,kendalltau,spearmanr,train_loss\n";

    @TempDir
    Path dir;

    @Test
    void metricsRowsAreReadByColumnNameWithEmptyCellsAsNaN() throws Exception {
        Path csv = Files.writeString(dir.resolve("metrics.csv"), HEADER + "0,3,validation,0.5,0.1,,0.25\n\n");
        RunResults.EpochRow row = RunResults.epochRows(csv).get(0);
        assertEquals(new RunResults.EpochRow(0, 3, "validation", 0.5, 0.1, Double.NaN, 0.25), row);
        assertEquals(1, RunResults.epochRows(csv).size(), "blank lines are skipped");
    }

    @Test
    void aShortOrNonNumericMetricsLineIsAUserErrorNamingFileAndLine() throws Exception {
        Path shortLine = Files.writeString(dir.resolve("short.csv"), HEADER + "0,3,validation\n");
        UserException e = assertThrows(UserException.class, () -> RunResults.epochRows(shortLine));
        assertTrue(e.getMessage().startsWith(shortLine + ": line 2 is malformed: 0,3,validation"), e.getMessage());
        Path text = Files.writeString(dir.resolve("text.csv"), HEADER + "0,three,validation,0.5,0.1,0.2,0.25\n");
        e = assertThrows(UserException.class, () -> RunResults.epochRows(text));
        assertTrue(e.getMessage().startsWith(text + ": line 2 is malformed"), e.getMessage());
    }

    @Test
    void anOlderRunJsonWithoutTheSelectionRuleKeysIsStillReadAndReported() throws Exception {
        Path exp = Files.createDirectories(dir.resolve("TS_C"));
        Files.writeString(exp.resolve("run.json"), "{\"exp\": \"ts_c\", \"seed\": 7, \"selection\": \"test\", "
                + "\"splits\": [{\"split\": 0, \"epoch\": 1, \"test\": {\"f_score\": 0.5, \"kendalltau\": 0.1, "
                + "\"spearmanr\": 0.2}, \"videos\": {}}]}");
        Files.writeString(exp.resolve("metrics.csv"), HEADER + "0,0,test,0.4,0.1,0.2,0.3\n0,1,test,0.5,0.1,0.2,0.2\n");
        RunResults results = RunResults.read(exp);
        assertEquals(7, results.seeds().get(0).seed());
        assertEquals(1, results.seeds().get(0).splits());
        assertTrue(Files.isRegularFile(RunReport.write(exp)), "the report of an older run");
    }

    @Test
    void aMetricsFileWithoutAColumnNamesTheColumn() throws Exception {
        Path csv = Files.writeString(dir.resolve("metrics.csv"), "split,epoch,set,f_score\n0,1,test,0.5\n");
        UserException e = assertThrows(UserException.class, () -> RunResults.epochRows(csv));
        assertTrue(e.getMessage().contains("no column 'kendalltau'"), e.getMessage());
    }
}
