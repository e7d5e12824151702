package sspvs.spark.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.cli.FeatureExtractorOptions;
import sspvs.cli.WindowOptions;
import sspvs.config.RunConfig;
import sspvs.spark.BatchJob;
import sspvs.spark.BatchSessions;
import sspvs.spark.IndexPage;
import sspvs.spark.PipelineSpec;
import sspvs.summarize.SummarizePipeline;

/**
 * {@code sspvs batch INPUT --model CKPT --out DIR}: every video under INPUT summarised on Apache Spark, as
 * {@code summarize} would, into one folder per video, the Parquet tables {@code videos/} and {@code shots/}, and
 * {@code index.html}. Rerunning it resumes: what is done for the same bytes, model and options is reused.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Summarises every video under INPUT (a folder, searched recursively by extension, or a text "
                + "file of paths, one per line) on Apache Spark: one folder per video with what 'summarize' writes, "
                + "the Parquet tables videos/ and shots/, and index.html in --out.",
            "Files that are not videos, truncated or unreadable become failed rows with the reason. Run it again to "
                + "resume or to add new videos: a video already done for the same bytes, model and options is "
                + "reused."})
public final class BatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "A folder of videos, or a text file of video paths.")
    Path input;

    @Option(names = "--model", paramLabel = "CKPT", required = true,
            description = "Checkpoint: one written by 'sspvs run', or a reference (PyTorch Lightning) .ckpt.")
    Path model;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output folder: new, empty, or an earlier batch's (resumed).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "Run config for a reference checkpoint that does not state its architecture.")
    Path config;

    @Option(names = "--ratio", defaultValue = "0.15",
            description = "Share of each video's frames its summary may keep. Default: ${DEFAULT-VALUE}.")
    double ratio;

    @Mixin
    FeatureExtractorOptions extractorOptions;

    @Mixin
    WindowOptions window;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (default: every core here, nothing to install), local[N], "
                    + "spark://HOST:PORT, yarn or k8s://URL. Under spark-submit, its --master.")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, e.g. --conf spark.executor.memory=6g (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(names = "--retry-failed", description = "Redo the videos that failed in an earlier run (by default "
            + "a failure is reused like a success while the file and options are unchanged).")
    boolean retryFailed;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        PipelineSpec pipeline = checkedSpec();
        if (master != null && !BatchSessions.isMasterUrl(master)) {
            throw new UserException("--master must be " + BatchSessions.MASTER_FORMS + ", not '" + master + "'");
        }
        BatchJob.Request request = new BatchJob.Request(input, out, pipeline, retryFailed);
        BatchJob.Report report;
        try (BatchProgress progress = new BatchProgress(err, quiet)) {
            BatchJob.check(request, progress); // mistakes are one line before Spark spends seconds starting
            SparkSession session = BatchSessions.create(master, conf);
            try {
                report = BatchJob.run(session, request, progress);
            } finally {
                session.stop();
            }
        }
        stdout.println(summaryLine(report) + " -> " + out.toAbsolutePath().normalize().resolve(IndexPage.FILE));
        return 0;
    }

    /** The options as the pipeline's settings, each mistake one line naming the option. */
    PipelineSpec checkedSpec() {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new UserException("--ratio must be in (0, 1], got " + ratio);
        }
        if (!Files.isRegularFile(model)) {
            throw new UserException(model + ": checkpoint not found (--model)");
        }
        window.check();
        SummarizePipeline.Settings settings = SummarizePipeline.Settings.of(model)
                .withConfig(config == null ? null : RunConfig.load(config))
                .withFeatures(extractorOptions.settings())
                .withWindow(window.steps(), window.hop());
        return PipelineSpec.of(settings, config, ratio);
    }

    /** N ok, M failed, hours of video, wall time, hours of video per hour. */
    static String summaryLine(BatchJob.Report r) {
        double hours = r.videoHours();
        return String.format(Locale.ROOT, "%d ok, %d failed (%d reused), %.3f hours of video in %s, %.2f hours of "
                + "video per hour", r.ok(), r.failed(), r.reused(), hours, wall(r.wallSeconds()),
                hours / (r.wallSeconds() / 3600));
    }

    static String wall(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
