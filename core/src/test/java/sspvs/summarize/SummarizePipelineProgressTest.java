package sspvs.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.video.synthetic.SyntheticVideo;

/** The pipeline reports its stages, in order, with progress that never goes backwards, through the listener. */
class SummarizePipelineProgressTest {
    @TempDir
    static Path dir;

    static Path video;
    static Path ckpt;

    /** Everything a listener heard, in order. */
    static final class Recorder implements ProgressListener {
        record Event(String kind, Stage stage, long done, long total) {}

        final List<Event> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> messages = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void stageStarted(Stage stage, long total) {
            events.add(new Event("start", stage, 0, total));
        }

        @Override
        public void progress(Stage stage, long done, long total) {
            events.add(new Event("progress", stage, done, total));
        }

        @Override
        public void stageFinished(Stage stage, double seconds) {
            events.add(new Event("finish", stage, 0, 0));
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }

        @Override
        public void warning(String message) {
            messages.add("warning: " + message);
        }
    }

    @BeforeAll
    static void fixtures() throws IOException {
        video = SyntheticVideo.builder().size(64, 48).fps(30).sceneSeconds(2, 1.5, 2.5, 1, 2).build()
                .write(dir.resolve("clip.mp4")).file();
        ckpt = SummarizeFixtures.tinyCheckpoint(dir.resolve("tiny.ckpt"), 4, 11);
    }

    static SummarizePipeline.Settings tinySettings() {
        return SummarizePipeline.Settings.of(ckpt).withFeatures(new FeatureExtractorSettings(
                SummarizeFixtures.tinyOnnx(), null, new int[] {8, 8}, null, null, null, null, "pool5/7x7_s1_2",
                null));
    }

    @Test
    void everyStageStartsAndFinishesInOrderWithMonotoneProgress() {
        Recorder heard = new Recorder();
        SummarizeResult r;
        try (SummarizePipeline p = SummarizePipeline.open(tinySettings())) {
            r = p.summarize(SummarizeRequest.of(video, dir.resolve("out")).withRatio(0.4).withListener(heard));
        }
        checkOrder(heard.events);
        Recorder.Event lastDecode = last(heard.events, Stage.DECODE_AND_FEATURES);
        assertEquals(r.summary().features().nFrames(), lastDecode.done(), "decoding reaches every frame");
        assertEquals(lastDecode.done(), lastDecode.total(), "and the total says so: 100%");
        Recorder.Event lastVideo = last(heard.events, Stage.SUMMARY_VIDEO);
        assertTrue(lastVideo.total() > 0 && lastVideo.done() > 0.9 * lastVideo.total(),
                "the summary video's frames are counted: " + lastVideo);
        assertEquals(new Recorder.Event("progress", Stage.OUTPUTS, 4, 4), last(heard.events, Stage.OUTPUTS));
        assertTrue(heard.messages.stream().anyMatch(m -> m.startsWith("Scoring ")), "" + heard.messages);
    }

    @Test
    void reusedFeaturesStillReportEveryStage() {
        Path first = dir.resolve("first");
        Recorder heard = new Recorder();
        try (SummarizePipeline p = SummarizePipeline.open(tinySettings())) {
            p.summarize(SummarizeRequest.of(video, first).withRatio(0.4));
            p.summarize(SummarizeRequest.of(video, dir.resolve("again")).withRatio(0.4)
                    .withFeaturesFile(first.resolve(SummarizeResult.FEATURES)).withListener(heard));
        }
        checkOrder(heard.events);
        // features.h5 is written again: every output folder holds one (the file read may lie in the folder replaced)
        assertEquals(new Recorder.Event("progress", Stage.OUTPUTS, 4, 4), last(heard.events, Stage.OUTPUTS));
    }

    /** Each stage once, in enum order; progress only inside its stage, never backwards, never past its total. */
    private static void checkOrder(List<Recorder.Event> events) {
        List<Stage> started = new ArrayList<>();
        Stage current = null;
        long done = -1;
        for (Recorder.Event e : events) {
            switch (e.kind()) {
                case "start" -> {
                    assertEquals(null, current, "a stage starts after the previous one finished: " + e);
                    current = e.stage();
                    started.add(current);
                    done = -1;
                }
                case "progress" -> {
                    assertEquals(current, e.stage(), "progress belongs to the running stage");
                    assertTrue(e.done() >= done, "progress goes forward: " + done + " then " + e);
                    assertTrue(e.total() < 0 || e.done() <= e.total(), "within the total: " + e);
                    done = e.done();
                }
                default -> {
                    assertEquals(current, e.stage(), "the running stage finishes");
                    current = null;
                }
            }
        }
        assertEquals(null, current, "the last stage finished");
        assertEquals(List.of(Stage.values()), started);
    }

    private static Recorder.Event last(List<Recorder.Event> events, Stage stage) {
        Recorder.Event found = null;
        for (Recorder.Event e : events) {
            if (e.stage() == stage && e.kind().equals("progress")) {
                found = e;
            }
        }
        assertTrue(found != null, "progress for " + stage);
        return found;
    }
}
