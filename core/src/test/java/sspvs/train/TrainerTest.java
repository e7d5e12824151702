package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sspvs.data.VideoRecord;
import sspvs.model.EngineThreads;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;

/** Training on tiny synthetic videos (d 16): it learns, it is reproducible, it frees what each step makes. */
class TrainerTest {
    private static final SummarizerSpec SPEC = new SummarizerSpec(16, 2, 32, 2, 2, 0.1f, 0.1f, 0.1f);
    private static final List<VideoRecord> VIDEOS = SyntheticVideos.make(6, 6, 20, 16, 7);
    private static NDManager manager;

    @BeforeAll
    static void open() {
        EngineThreads.set(1); // fast on a busy 2-core machine, and one fixed thread count for reproducibility
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static TrainingOptions options(int epochs, long seed) {
        return new TrainingOptions(epochs, 2, 12, 1, 3e-3, List.of(1000), 0.1, seed, true);
    }

    private static List<Float> lossesOf(List<EpochResult> results) {
        List<Float> all = new ArrayList<>();
        results.forEach(r -> all.addAll(r.batchLosses()));
        return all;
    }

    @Test
    void lossFallsOnALearnableSignal() {
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3)) {
            List<EpochResult> results = new Trainer(options(25, 11)).fit(model, VIDEOS, EpochListener.NONE);
            double first = results.get(0).meanLoss();
            double last = (results.get(24).meanLoss() + results.get(23).meanLoss()) / 2;
            assertTrue(last < 0.6 * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void equalSeedsGiveIdenticalLossesAndWeights() {
        List<Float> a;
        List<Float> b;
        float[] weightsA;
        float[] weightsB;
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3)) {
            a = lossesOf(new Trainer(options(3, 5)).fit(model, VIDEOS, EpochListener.NONE));
            weightsA = model.exportParameters().get("score_predict.1.1.weight");
        }
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3)) {
            b = lossesOf(new Trainer(options(3, 5)).fit(model, VIDEOS, EpochListener.NONE));
            weightsB = model.exportParameters().get("score_predict.1.1.weight");
        }
        assertEquals(a, b);
        assertEquals(java.util.Arrays.toString(weightsA), java.util.Arrays.toString(weightsB));
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3)) {
            List<Float> c = lossesOf(new Trainer(options(3, 6)).fit(model, VIDEOS, EpochListener.NONE));
            assertNotEquals(a, c, "another seed changes crops and dropout");
        }
    }

    @Test
    void listenerSeesEveryEpochWithScheduledRate() {
        List<EpochResult> seen = new ArrayList<>();
        TrainingOptions options = new TrainingOptions(3, 4, 12, 2, 1e-3, List.of(1, 2), 0.5, 1, false); // with bar
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3)) {
            new Trainer(options).fit(model, VIDEOS, (result, m, optimizer) -> {
                assertEquals(VIDEOS.get(0).steps(), m.predict(VIDEOS.get(0).features()).length);
                seen.add(result);
            });
        }
        assertEquals(3, seen.size());
        assertEquals(List.of(1e-3, 5e-4, 2.5e-4), seen.stream().map(EpochResult::learningRate).toList());
        assertEquals(3, seen.get(0).batchLosses().size(), "6 videos x 2 repeats in batches of 4");
    }

    @Test
    void stepsFreeTheirNativeArrays() {
        try (ProgressiveSummarizer model = new ProgressiveSummarizer(SPEC, manager, 3)) {
            int before = model.scratchManager().getManagedArrays().size();
            new Trainer(options(2, 1)).fit(model, VIDEOS, (r, m, optimizer) -> m.predict(VIDEOS.get(1).features()));
            assertEquals(before, model.scratchManager().getManagedArrays().size());
        }
    }
}
