package sspvs.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sspvs.knapsack.Knapsack;
import sspvs.data.VideoRecord;

/**
 * Whole videos against the reference semantics with the real OR-Tools dynamic-programming knapsack
 * ({@code tools/gen_eval_parity.py}): shot values, the selected shots, F/P/R and the rank correlations.
 */
class ReferenceParityTest {

    @Test
    void everyStepMatchesTheReferenceWithOrToolsOnGeneratedVideos() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("eval_parity.json")) {
            root = new ObjectMapper().readTree(in);
        }
        Evaluator evaluator = new Evaluator();
        for (JsonNode v : root.get("videos")) {
            VideoRecord video = video(v);
            float[] steps = ReferenceValues.floats(v.get("steps"));
            JsonNode expected = v.get("expected");
            String key = video.key();

            float[] frames = FrameScores.upsample(steps, video.picks(), video.nFrames());
            Summary summary = evaluator.summaries().build(video, frames);
            assertArrayEquals(longs(expected.get("values")), Knapsack.scaledValues(summary.shotScores()), key);
            List<Integer> selected = new ArrayList<>();
            for (int s = 0; s < summary.selectedShots().length; s++) {
                if (summary.selectedShots()[s]) {
                    selected.add(s);
                }
            }
            assertEquals(ints(expected.get("selected")), selected, key);

            VideoEvaluation avg = evaluator.evaluate(video, steps, Metric.AVG);
            assertEquals(expected.get("avg").get(0).asDouble(), avg.fScore(), 1e-6, key);
            assertEquals(expected.get("avg").get(1).asDouble(), avg.precision(), 1e-6, key);
            assertEquals(expected.get("avg").get(2).asDouble(), avg.recall(), 1e-6, key);
            VideoEvaluation max = evaluator.evaluate(video, steps, Metric.MAX);
            assertEquals(expected.get("max").get(0).asDouble(), max.fScore(), 1e-6, key);
            assertEquals(expected.get("max").get(1).asDouble(), max.precision(), 1e-6, key);
            assertEquals(expected.get("max").get(2).asDouble(), max.recall(), 1e-6, key);
            assertEquals(expected.get("kendall").asDouble(), avg.kendall(), 1e-10, key);
            assertEquals(expected.get("spearman").asDouble(), avg.spearman(), 1e-10, key);
        }
    }

    @Test
    void knapsackReturnsTheSameSelectionAsOrToolsOnTiedAndWorthlessItems() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("eval_parity.json")) {
            root = new ObjectMapper().readTree(in);
        }
        int zeroValuedPicks = 0;
        for (JsonNode c : root.get("knapsack")) {
            long[] values = longs(c.get("values"));
            boolean[] selected = Knapsack.solve(values, ReferenceValues.ints(c.get("weights")),
                    c.get("capacity").asInt()).selected();
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i < selected.length; i++) {
                if (selected[i]) {
                    got.add(i);
                    zeroValuedPicks += values[i] == 0 ? 1 : 0;
                }
            }
            assertEquals(ints(c.get("selected")), got, c.toString());
        }
        assertTrue(zeroValuedPicks > 0, "the fixture should exercise worthless items being taken");
    }

    private static VideoRecord video(JsonNode v) {
        int nFrames = v.get("n_frames").asInt();
        int[] picks = ReferenceValues.ints(v.get("picks"));
        JsonNode cps = v.get("change_points");
        int[][] changePoints = new int[cps.size()][];
        for (int s = 0; s < changePoints.length; s++) {
            changePoints[s] = ReferenceValues.ints(cps.get(s));
        }
        return new VideoRecord(v.get("key").asText(), "", new float[picks.length][0], new float[picks.length],
                new float[picks.length], runs(v.get("user_summary"), nFrames), runs(v.get("user_scores"), nFrames),
                changePoints, ReferenceValues.ints(v.get("n_frame_per_seg")), nFrames, picks);
    }

    /** Decodes per-user run-length lists [[value, count], ...]. */
    private static float[][] runs(JsonNode users, int nFrames) {
        float[][] out = new float[users.size()][nFrames];
        for (int u = 0; u < out.length; u++) {
            int at = 0;
            for (JsonNode run : users.get(u)) {
                float value = (float) run.get(0).asDouble();
                for (int k = 0; k < run.get(1).asInt(); k++) {
                    out[u][at++] = value;
                }
            }
            assertEquals(nFrames, at);
        }
        return out;
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    private static List<Integer> ints(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asInt()));
        return out;
    }
}
