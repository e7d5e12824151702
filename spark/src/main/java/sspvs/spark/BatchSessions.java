package sspvs.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The Spark session a batch runs in: embedded ({@code local[*]} by default) or on a cluster. */
public final class BatchSessions {
    private BatchSessions() {}

    /**
     * A session for {@code masterOrNull}: null means spark-submit's {@code --master} when run under spark-submit,
     * else {@code local[*]} (every core of this machine, nothing to install). Spark's web UI and its console bar are
     * off unless {@code conf} turns them on: the CLI draws its own bar.
     */
    public static SparkSession create(String masterOrNull, Map<String, String> conf) {
        SparkSession.Builder b = SparkSession.builder().appName("sspvs batch")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (masterOrNull != null) {
            b.master(masterOrNull);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        conf.forEach(b::config);
        return b.getOrCreate();
    }
}
