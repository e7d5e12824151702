package sspvs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sspvs.data.VideoRecord;
import sspvs.eval.Evaluator;
import sspvs.eval.FScore;
import sspvs.eval.FrameScores;
import sspvs.eval.Metric;
import sspvs.eval.Summary;
import sspvs.eval.SummaryBuilder;
import sspvs.eval.SyntheticDataset;

/**
 * {@code sspvs bench eval}: how long evaluating every video of a file takes, after warm-up, stage by stage.
 * Without {@code --data} it uses 50 generated TVSum-sized videos (real TVSum frame counts, 20 users), so it runs
 * anywhere. Each figure is the median over the timed rounds; user ranks are computed once per video before.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Times the evaluation of every video (random scores) after warm-up; prints ms per stage.")
public final class BenchEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.h5",
            description = "eccv16 HDF5 file (default: 50 generated TVSum-sized videos, 20 users).")
    Path data;

    @Option(names = "--metric", paramLabel = "avg|max", converter = MetricOption.class,
            description = MetricOption.DESCRIPTION)
    Metric metricOption;

    @Option(names = "--rounds", defaultValue = "20", description = "Timed rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", description = "Untimed rounds first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        List<VideoRecord> videos;
        Metric metric;
        String source;
        if (data == null) {
            videos = SyntheticDataset.tvsumSized(1);
            metric = metricOption != null ? metricOption : Metric.AVG; // the generated videos are rated like TVSum's
            source = "generated TVSum-sized dataset";
        } else {
            DataFiles.Loaded loaded = DataFiles.readAll(data, spec.commandLine().getErr());
            videos = loaded.videos();
            metric = loaded.metric(metricOption, spec.commandLine().getErr());
            source = data.toString();
        }
        double loadMs = (System.nanoTime() - t0) / 1e6;
        long frames = 0;
        int users = 0;
        for (VideoRecord v : videos) {
            frames += v.nFrames();
            users = Math.max(users, v.users());
        }
        SplittableRandom rng = new SplittableRandom(42);
        float[][] steps = new float[videos.size()][];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = new float[videos.get(i).picks().length];
            for (int t = 0; t < steps[i].length; t++) {
                steps[i][t] = (float) rng.nextDouble();
            }
        }
        Evaluator evaluator = new Evaluator(new SummaryBuilder());
        long p0 = System.nanoTime();
        for (VideoRecord v : videos) {
            if (v.hasUserScores()) {
                evaluator.userRanks(v);
            }
        }
        double prepareMs = (System.nanoTime() - p0) / 1e6;

        int n = Math.max(1, rounds);
        double[][] stage = new double[5][n];
        double sink = 0;
        for (int r = -Math.max(0, warmup); r < n; r++) {
            long a = System.nanoTime();
            float[][] frameScores = new float[videos.size()][];
            for (int i = 0; i < videos.size(); i++) {
                frameScores[i] = FrameScores.upsample(steps[i], videos.get(i).picks(), videos.get(i).nFrames());
            }
            long b = System.nanoTime();
            for (int i = 0; i < videos.size(); i++) {
                sink += evaluator.correlations(videos.get(i), frameScores[i]).kendall();
            }
            long c = System.nanoTime();
            Summary[] summaries = new Summary[videos.size()];
            for (int i = 0; i < videos.size(); i++) {
                summaries[i] = evaluator.summaries().build(videos.get(i), frameScores[i]);
            }
            long d = System.nanoTime();
            for (int i = 0; i < videos.size(); i++) {
                sink += FScore.of(summaries[i].frames(), videos.get(i).userSummary(), metric).fScore();
            }
            long e = System.nanoTime();
            for (int i = 0; i < videos.size(); i++) {
                sink += evaluator.evaluate(videos.get(i), steps[i], metric).fScore();
            }
            long f = System.nanoTime();
            if (r >= 0) {
                stage[0][r] = (b - a) / 1e6;
                stage[1][r] = (c - b) / 1e6;
                stage[2][r] = (d - c) / 1e6;
                stage[3][r] = (e - d) / 1e6;
                stage[4][r] = (f - e) / 1e6;
            }
        }
        out.printf("source: %s — %d videos, %d frames, up to %d users; %d warm-up + %d timed rounds%n", source,
                videos.size(), frames, users, Math.max(0, warmup), n);
        out.printf("%-40s %10s%n", "stage", "ms");
        out.printf("%-40s %10.1f%n", "load or generate (once)", loadMs);
        out.printf("%-40s %10.1f%n", "rank user scores (once per file)", prepareMs);
        String[] names = {"upsample step -> frame scores", "rank correlation vs every user",
            "shot scores + knapsack summary", "F-score vs every user summary", "total: evaluate every video"};
        for (int s = 0; s < names.length; s++) {
            out.printf("%-40s %10.1f%n", names[s] + " (median)", median(stage[s]));
        }
        out.printf("(checksum %.6f)%n", sink);
        out.flush();
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
