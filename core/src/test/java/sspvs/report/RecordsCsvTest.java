package sspvs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;

class RecordsCsvTest {
    @TempDir
    Path dir;

    @Test
    void roundingIsNumpyAroundHalfToEvenOnTheBinaryValue() {
        // expected values from np.around(x, 3) with numpy 1.24
        double[] in = {0.0625, 0.1235, 0.0005, 0.0015, 0.6144999, 0.2675};
        double[] expected = {0.062, 0.124, 0.0, 0.002, 0.614, 0.268};
        for (int i = 0; i < in.length; i++) {
            assertEquals(expected[i], RecordsCsv.around3(in[i]), 0, "x = " + in[i]);
        }
        assertEquals("-0.0", RecordsCsv.number(RecordsCsv.around3(-0.0005)));
    }

    @Test
    void numbersAreWrittenLikePandas() {
        assertEquals("0.614", RecordsCsv.number(0.614));
        assertEquals("0.6", RecordsCsv.number(0.6));
        assertEquals("1.0", RecordsCsv.number(1.0));
        assertEquals("0.002", RecordsCsv.number(0.002));
        assertEquals("", RecordsCsv.number(Double.NaN));
    }

    @Test
    void rowIsTheRoundedMeanOverSplits() {
        RecordsCsv.Row row = RecordsCsv.row("sm_a", List.of(
                new EpochMetrics(3, 0.6, 0.1, 0.2),
                new EpochMetrics(7, 0.625, 0.125, 0.25)), EpochSelection.Selection.TEST);
        assertEquals(0.612, row.fScore(), 0); // 0.6125 -> half to even
        assertEquals(0.112, row.kendall(), 0);
        assertEquals(0.225, row.spearman(), 0);
        assertEquals("test", row.selection());
    }

    @Test
    void updateKeepsOtherConfigsSortedByExpWithReferenceColumnsFirst() throws Exception {
        Path csv = dir.resolve("records.csv");
        // a file as the reference writes it (no selection column)
        Files.writeString(csv, "exp,f_score,kendalltau,spearmanr\nts_a,0.614,0.156,0.205\nsm_c,0.52,,\n");
        RecordsCsv.update(csv, new RecordsCsv.Row("sm_a", 0.5, 0.1, 0.2, "validation"));
        RecordsCsv.update(csv, new RecordsCsv.Row("ts_a", 0.615, 0.157, 0.206, "test"));
        assertEquals(List.of(
                "exp,f_score,kendalltau,spearmanr,selection,f_score_sd,kendalltau_sd,spearmanr_sd,seeds",
                "sm_a,0.5,0.1,0.2,validation,,,,",
                "sm_c,0.52,,,,,,,",
                "ts_a,0.615,0.157,0.206,test,,,,"), Files.readAllLines(csv));
        assertTrue(Double.isNaN(RecordsCsv.read(csv).get(1).kendall()));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count()); // no temporary file left behind
        }
    }

    @Test
    void aSeedSweepsRowIsTheRoundedMeanAndSampleSdOverSeedsAndReadsBack() throws Exception {
        List<SeedsCsv.Row> seeds = List.of(new SeedsCsv.Row(1, 0.5, 0.1, Double.NaN, 2, "seed1"),
                new SeedsCsv.Row(2, 0.6, 0.2, 0.3, 2, "seed2"), new SeedsCsv.Row(3, 0.7, 0.6, 0.3, 2, "seed3"));
        RecordsCsv.Row row = RecordsCsv.ofSeeds("ts_c", seeds, EpochSelection.Selection.VALIDATION);
        assertEquals(0.6, row.fScore(), 0);
        assertEquals(0.1, row.fScoreSd(), 0); // sqrt((0.01 + 0 + 0.01) / 2)
        assertEquals(0.3, row.kendall(), 0);
        assertEquals(0.265, row.kendallSd(), 0); // sqrt((0.04 + 0.01 + 0.09) / 2) = 0.26458
        assertTrue(Double.isNaN(row.spearman()) && Double.isNaN(row.spearmanSd()), "an undefined seed stays visible");
        assertEquals("1;2;3", row.seeds());
        Path csv = dir.resolve("records.csv");
        RecordsCsv.update(csv, row);
        assertEquals("ts_c,0.6,0.3,,validation,0.1,0.265,,1;2;3", Files.readAllLines(csv).get(1));
        assertEquals(row, RecordsCsv.read(csv).get(0));
        Path seedsCsv = dir.resolve("seeds.csv");
        SeedsCsv.write(seedsCsv, seeds);
        assertEquals(seeds, SeedsCsv.read(seedsCsv));
    }

    @Test
    void aFileThatIsNotARecordsCsvIsAUserError() throws Exception {
        Path csv = dir.resolve("records.csv");
        Files.writeString(csv, "a,b\n1,2\n");
        UserException e = assertThrows(UserException.class, () -> RecordsCsv.read(csv));
        assertTrue(e.getMessage().contains(csv.toString()));
    }

    @Test
    void aShortOrNonNumericLineIsAUserErrorNamingFileAndLine() throws Exception {
        Path records = dir.resolve("records.csv");
        Files.writeString(records, "exp,f_score,kendalltau,spearmanr\nts_a,0.6,x,0.1\nts_b\n");
        UserException e = assertThrows(UserException.class, () -> RecordsCsv.read(records));
        assertTrue(e.getMessage().startsWith(records + ": line 2 is malformed"), e.getMessage());
        Files.writeString(records, "exp,f_score,kendalltau,spearmanr\nts_b\n");
        e = assertThrows(UserException.class, () -> RecordsCsv.read(records));
        assertTrue(e.getMessage().startsWith(records + ": line 2 is malformed"), e.getMessage());

        Path seeds = dir.resolve("seeds.csv");
        Files.writeString(seeds, "seed,f_score,kendalltau,spearmanr\n1,0.5,0.1\n");
        e = assertThrows(UserException.class, () -> SeedsCsv.read(seeds));
        assertTrue(e.getMessage().startsWith(seeds + ": line 2 is malformed"), e.getMessage());
        Files.writeString(seeds, "seed,f_score,kendalltau,spearmanr\none,0.5,0.1,0.2\n");
        e = assertThrows(UserException.class, () -> SeedsCsv.read(seeds));
        assertTrue(e.getMessage().startsWith(seeds + ": line 2 is malformed"), e.getMessage());
    }
}
