package sspvs.shots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import sspvs.shots.KernelTemporalSegmentation.Segmentation;

/**
 * Our KTS against the original: change points, scatter and criterion that KTS v1.1's cpd_auto / cpd_nonlin gave on seeded
 * sequences (clear changes, none, constant, black frames, very short, and a 640-step video-like one), made by
 * tools/make_kts_fixture.py. Called as the project calls it (vmax 1, lmin 1, up to n - 1 change points): unbounded
 * as the reference, with the default bound of 600 steps (`dataset build --videos`), and with the summarize command's
 * bound where the case names one.
 */
class KtsReferenceFixtureTest {
    private static final double SCATTER_TOLERANCE = 1e-9;
    /** The criterion is scatter / n plus a penalty of order 0.1; summation order alone differs. */
    private static final double CRITERION_TOLERANCE = 1e-12;

    private static JsonNode fixture() throws IOException {
        try (InputStream in = KtsReferenceFixtureTest.class.getResourceAsStream("kts_fixture.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static float[][] features(JsonNode rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            String hex = rows.get(i).asText();
            out[i] = new float[hex.length()];
            for (int j = 0; j < hex.length(); j++) {
                out[i][j] = Character.digit(hex.charAt(j), 16);
            }
        }
        return out;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** The case's bound on segment length (KTS's lmax), or none: exactly the reference's unbounded call. */
    private static KernelTemporalSegmentation exactFor(JsonNode c) {
        JsonNode bound = c.get("max_segment_steps");
        return new KernelTemporalSegmentation().maxSegmentSteps(bound.isNull() ? Integer.MAX_VALUE : bound.asInt());
    }

    private static boolean bounded(JsonNode c) {
        return !c.get("max_segment_steps").isNull();
    }

    private static void assertScatter(double expected, double actual, String what) {
        assertEquals(expected, actual, SCATTER_TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    /**
     * Ours stops evaluating once no larger m can win, so it holds a prefix of cpd_auto's criterion, through at
     * least the chosen m; where no segmentation fits, both say so (null there, infinity here). With a bound,
     * KTS's first segment may be at most lmax - 1 steps long (its row 0 fills lengths below lmax), ours lmax
     * like every other: ours may then be lower where the bound binds (e.g. video_like_bounded at m = 6), never
     * higher, and equal at the chosen m.
     */
    private static void assertCriterion(JsonNode expected, double[] actual, int chosen, boolean bounded,
            String name) {
        assertTrue(actual.length > chosen && actual.length <= expected.size(), name + ": " + actual.length
                + " criterion values for m = " + chosen + " of " + expected.size());
        for (int m = 0; m < actual.length; m++) {
            double want = expected.get(m).isNull() ? Double.POSITIVE_INFINITY : expected.get(m).asDouble();
            String what = name + " criterion at m = " + m;
            if (bounded && m != chosen) {
                assertTrue(actual[m] <= want + CRITERION_TOLERANCE, what + ": " + actual[m] + " above " + want);
            } else if (want == Double.POSITIVE_INFINITY) {
                assertEquals(want, actual[m], what);
            } else {
                assertEquals(want, actual[m], CRITERION_TOLERANCE, what);
            }
        }
    }

    @TestFactory
    List<DynamicTest> changePointsEqualTheOriginalCpdAuto() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode cases = fixture().get("cases");
        assertFalse(cases.isEmpty(), "the fixture holds no case");
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name + ": cpd_auto", () -> {
                Segmentation s = exactFor(c).segment(features(c.get("features")));
                assertArrayEquals(ints(c.get("change_points")), s.changePoints(), name + " change points");
                assertScatter(c.get("scatter").asDouble(), s.scatter(), name + " scatter");
                assertCriterion(c.get("criterion"), s.criterion(), s.changePoints().length, bounded(c), name);
            }));
            if (!bounded(c)) {
                // as `dataset build --videos` calls it: default settings, shots bounded by 600 steps
                tests.add(DynamicTest.dynamicTest(name + ": cpd_auto, default settings", () -> {
                    Segmentation s = new KernelTemporalSegmentation().segment(features(c.get("features")));
                    assertArrayEquals(ints(c.get("change_points")), s.changePoints(), name + " change points");
                    assertScatter(c.get("scatter").asDouble(), s.scatter(), name + " scatter");
                }));
            }
            for (JsonNode fixed : c.get("fixed")) {
                int m = fixed.get("change_point_count").asInt();
                tests.add(DynamicTest.dynamicTest(name + ": cpd_nonlin with " + m + " change points", () -> {
                    Segmentation s = exactFor(c).segment(features(c.get("features")), m);
                    assertArrayEquals(ints(fixed.get("change_points")), s.changePoints(), name + " change points");
                    assertScatter(fixed.get("scatter").asDouble(), s.scatter(), name + " scatter");
                }));
            }
        }
        return tests;
    }
}
