package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sspvs.Skip;
import sspvs.data.VideoRecord;
import sspvs.model.EngineThreads;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;

/**
 * Resident memory stays flat over epochs: what epoch 2 holds (model, optimiser, the allocator's warm cache, the
 * JVM heap) is all later epochs need. A leak of one step's tensors (here ~4 MB of activations a step, 6 steps an
 * epoch) or an allocator that keeps growing shows as tens of MB by epoch 6.
 */
class TrainingMemoryTest {
    private static final int D = 256;

    @Test
    void residentMemoryAfterEpochSixIsWithinABoundOfEpochTwo() {
        Skip.unlessApplicable(ResidentMemory.currentBytes().isPresent(), "no /proc/self/status on this system");
        EngineThreads.set(1);
        SummarizerSpec spec = new SummarizerSpec(D, 4, 256, 1, 2, 0.1f, 0.1f, 0.1f);
        // varied lengths as real videos have: training pads them to one shape, evaluation sees each length
        List<VideoRecord> videos = SyntheticVideos.make(12, 40, 160, D, 3);
        List<Long> afterEpoch = new ArrayList<>();
        List<Long> heap = new ArrayList<>(); // committed JVM heap, to tell a Java-side growth from a native one
        try (NDManager manager = NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(spec, manager, 1)) {
            TrainingOptions options = new TrainingOptions(6, 2, 128, 1, 1e-3, List.of(100), 0.1, 1, true);
            new Trainer(options).fit(model, videos, (result, m, adam) -> {
                for (VideoRecord v : videos) {
                    m.predict(v.features()); // evaluation after each epoch, as a run does
                }
                afterEpoch.add(ResidentMemory.currentBytes().orElseThrow());
                heap.add(Runtime.getRuntime().totalMemory());
            });
        }
        assertEquals(6, afterEpoch.size());
        long epoch2 = afterEpoch.get(1);
        long epoch6 = afterEpoch.get(5);
        // generous: 10% plus 24 MB for the JVM's own growth (JIT code, heap regions) in a shared test JVM
        long bound = epoch2 + epoch2 / 10 + 24L * 1024 * 1024;
        assertTrue(epoch6 <= bound, String.format("RSS after epoch 6 %d MB > bound %d MB (after epoch 2 %d MB; all: %s; JVM heap %s)",
                ResidentMemory.mebibytes(epoch6), ResidentMemory.mebibytes(bound), ResidentMemory.mebibytes(epoch2),
                afterEpoch.stream().map(ResidentMemory::mebibytes).toList(),
                heap.stream().map(ResidentMemory::mebibytes).toList()));
    }
}
