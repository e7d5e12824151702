package sspvs.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import sspvs.UserException;

class BatchSessionsTest {
    @Test
    void mastersSparkTakesPassAndTyposAreOneLine() {
        for (String ok : new String[] {"local", "local[*]", "local[2]", "local[2,4]", "spark://head:7077", "yarn",
            "k8s://https://host:443"}) {
            assertDoesNotThrow(() -> BatchSessions.checkMaster(ok), ok);
        }
        for (String bad : new String[] {"lcoal[2]", "local[0]", "local[two]", "spark:/head", ""}) {
            assertThrows(UserException.class, () -> BatchSessions.checkMaster(bad), bad);
        }
    }

    @Test
    void speculationStaysOffWhateverTheSettingsSay() {
        SparkSession s = BatchSessions.create("local[1]", Map.of("spark.speculation", "true"));
        try {
            assertEquals("false", s.sparkContext().getConf().get("spark.speculation"));
            assertEquals("false", s.sparkContext().getConf().get("spark.ui.enabled"));
        } finally {
            s.stop();
        }
    }
}
