package sspvs.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sspvs.model.EngineThreads;
import sspvs.model.ModelFlops;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;
import sspvs.train.ResidentMemory;
import sspvs.train.Trainer;
import sspvs.train.TorchAdam;
import sspvs.train.TrainingWindows;

/**
 * {@code sspvs bench model}: times a training step (forward, backward, Adam) and an inference pass of the
 * summarizer on random data after warm-up, and sets the training step's achieved FLOP rate beside the engine's
 * rate on one large matrix product. {@code tools/bench_reference.py} times the same in Python PyTorch.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Time the summarizer's training step and inference (random data, CPU).")
public final class BenchModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "4", converter = Ranges.AtLeastOne.class,
            description = "training batch size (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "512", converter = Ranges.AtLeastOne.class,
            description = "feature steps per video, T (default: ${DEFAULT-VALUE})")
    int steps;

    @Mixin
    BenchModelSizes sizes;

    @Option(names = "--stages", defaultValue = "4", converter = Ranges.AtLeastOne.class,
            description = "progressive stages, iter (default: ${DEFAULT-VALUE})")
    int stages;

    @Option(names = "--warmup", defaultValue = "2", converter = Ranges.AtLeastZero.class,
            description = "untimed runs first; libtorch needs about two to reach its steady state (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--matmul", defaultValue = "2048", converter = Ranges.AtLeastOne.class,
            description = "size n of the n x n matrix product (default: ${DEFAULT-VALUE})")
    int matmul;

    @Mixin
    BenchRunOptions run;

    @Override
    public Integer call() {
        int dim = sizes.dim;
        int repeats = run.repeats;
        long seed = run.seed;
        PrintWriter out = spec.commandLine().getOut();
        SummarizerSpec model;
        try {
            model = new SummarizerSpec(dim, sizes.heads, sizes.ffn, sizes.layers, stages, 0.1f, 0.1f, 0.1f);
        } catch (IllegalArgumentException e) {
            throw new sspvs.UserException("bench model: " + e.getMessage());
        }
        run.applyThreads();
        Random random = new Random(seed);
        TrainingWindows.Batch trainBatch = randomBatch(random, batch, steps, dim);
        float[][] video = randomBatch(random, 1, steps, dim).features()[0];
        List<String[]> rows = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                ProgressiveSummarizer summarizer = new ProgressiveSummarizer(model, manager, seed);
                TorchAdam adam = new TorchAdam(summarizer.parameters(), manager, 1e-5)) {
            Timing trainMs = time(() -> Trainer.step(summarizer, adam, trainBatch));
            Timing inferMs = time(() -> summarizer.predict(video));
            Timing matmulMs;
            try (NDManager m = manager.newSubManager()) {
                NDArray a = m.randomNormal(new Shape(matmul, matmul));
                NDArray b = m.randomNormal(new Shape(matmul, matmul));
                matmulMs = time(() -> {
                    try (NDArray c = a.matMul(b)) {
                        c.getFloat(0, 0); // force completion
                    }
                });
            }
            double trainFlops = ModelFlops.trainingStep(model, batch, steps);
            double inferFlops = ModelFlops.forward(model, 1, steps);
            double matmulFlops = 2.0 * matmul * matmul * (double) matmul;
            rows.add(row(String.format("training step (B %d, T %d)", batch, steps), trainMs, trainFlops));
            rows.add(row(String.format("inference (B 1, T %d)", steps), inferMs, inferFlops));
            rows.add(row(String.format("matmul %dx%d", matmul, matmul), matmulMs, matmulFlops));
            out.printf("sspvs bench model: DJL/libtorch, d %d, %d heads, FFN %d, %d layers, %d stages, "
                            + "%d threads, median of %d after %d warm-up%n", dim, sizes.heads, sizes.ffn, sizes.layers,
                    stages, EngineThreads.get(), repeats, warmup);
            printTable(out, rows);
            out.println("GFLOP/s from the median; FLOPs: matrix products only, training = 3 x forward; peak RSS: the "
                    + "whole process's resident memory (JVM, libtorch, allocator) while that row ran");
            out.printf("training step reaches %.0f%% of the matmul rate%n",
                    100 * (trainFlops / trainMs.median()) / (matmulFlops / matmulMs.median()));
            out.flush();
        }
        return 0;
    }

    /** Median and best of the timed runs, in ms, and the process's peak resident memory while they ran (-1: unknown). */
    private record Timing(double median, double best, long peakRssBytes) {}

    private Timing time(Runnable work) {
        ResidentMemory.resetPeak(); // each row's peak is its own (the training step's is the largest)
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        int repeats = run.repeats;
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
        return new Timing(median, ms[0], ResidentMemory.peakBytes().orElse(-1));
    }

    private static String[] row(String what, Timing t, double flops) {
        return new String[] {what, String.format("%.1f", t.median()), String.format("%.1f", t.best()),
            String.format("%.1f", flops / 1e9), String.format("%.1f", flops / 1e9 / (t.median() / 1e3)),
            t.peakRssBytes() < 0 ? "-" : Long.toString(ResidentMemory.mebibytes(t.peakRssBytes()))};
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        String format = "%-28s %12s %10s %10s %10s %14s%n";
        out.printf(format, "what", "ms (median)", "ms (best)", "GFLOP", "GFLOP/s", "peak RSS (MB)");
        for (String[] r : rows) {
            out.printf(format, (Object[]) r);
        }
    }

    private static TrainingWindows.Batch randomBatch(Random random, int b, int t, int d) {
        float[][][] features = new float[b][t][d];
        float[][] gt = new float[b][t];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < d; j++) {
                    features[i][s][j] = (float) random.nextGaussian();
                }
                gt[i][s] = random.nextFloat();
            }
        }
        return new TrainingWindows.Batch(features, gt);
    }
}
