package sspvs.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The Spark session a batch runs in: embedded ({@code local[*]} by default) or on a cluster. */
public final class BatchSessions {
    /** The master URLs Spark takes; anything else would fail inside Spark with a stack trace. */
    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?|local-cluster\\[.+]|(spark|k8s|mesos)://.+|yarn");

    /** The master URLs Spark takes, in words, for messages. */
    public static final String MASTER_FORMS = "local[*], local[N], spark://HOST:PORT, yarn or k8s://URL";

    private BatchSessions() {}

    /** Whether Spark can parse {@code master} as a master URL. */
    public static boolean isMasterUrl(String master) {
        return MASTER.matcher(master).matches();
    }

    /** Refuses a master URL Spark cannot parse, as one line (the front ends check their option first, naming it). */
    public static void checkMaster(String master) {
        if (master != null && !isMasterUrl(master)) {
            throw new sspvs.UserException("the Spark master must be " + MASTER_FORMS + ", not '" + master + "'");
        }
    }

    /**
     * A session for {@code masterOrNull}: null means spark-submit's {@code --master} when run under spark-submit,
     * else {@code local[*]} (every core of this machine, nothing to install). Spark's web UI and its console bar are
     * off unless {@code conf} turns them on: the CLI draws its own bar. Speculative execution is off (whatever a
     * cluster's defaults say): two attempts of one video at once would write the same folder.
     */
    public static SparkSession create(String masterOrNull, Map<String, String> conf) {
        checkMaster(masterOrNull);
        SparkSession.Builder b = SparkSession.builder().appName("sspvs batch")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (masterOrNull != null) {
            b.master(masterOrNull);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        conf.forEach(b::config);
        // last, so no setting turns it on: a speculative copy of a task would summarise the same video into the
        // same folder at the same time
        b.config("spark.speculation", "false");
        return b.getOrCreate();
    }
}
