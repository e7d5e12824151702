package sspvs.spark.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The main class for {@code spark-submit}: {@code spark-submit --class sspvs.spark.cli.BatchMain ... sspvs-spark.jar
 * INPUT --model CKPT --out DIR}, the same arguments as {@code sspvs batch}; the master is spark-submit's.
 */
public final class BatchMain {
    private BatchMain() {}

    public static void main(String[] args) {
        List<String> all = new ArrayList<>(List.of("batch"));
        all.addAll(List.of(args));
        System.exit(sspvs.cli.Main.run(all.toArray(new String[0])));
    }
}
