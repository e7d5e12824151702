package sspvs.shots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Our KTS against the original: change points and scatter that KTS v1.1's cpd_auto / cpd_nonlin gave on seeded
 * sequences (clear changes, none, constant, black frames, very short, and a 640-step video-like one), made by
 * tools/make_kts_fixture.py. Called as the project calls it: default settings (vmax 1, lmin 1, up to n - 1
 * change points), and the summarize command's bounded segment length where the case names one.
 */
class KtsReferenceFixtureTest {
    private static final double SCATTER_TOLERANCE = 1e-9;

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

    private static KernelTemporalSegmentation ktsFor(JsonNode c) {
        KernelTemporalSegmentation kts = new KernelTemporalSegmentation();
        return c.get("max_segment_steps").isNull() ? kts : kts.maxSegmentSteps(c.get("max_segment_steps").asInt());
    }

    private static void assertScatter(double expected, double actual, String what) {
        assertEquals(expected, actual, SCATTER_TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    @TestFactory
    List<DynamicTest> changePointsEqualTheOriginalCpdAuto() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode cases = fixture().get("cases");
        assertFalse(cases.isEmpty(), "the fixture holds no case");
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            tests.add(DynamicTest.dynamicTest(name + ": cpd_auto", () -> {
                Segmentation s = ktsFor(c).segment(features(c.get("features")));
                assertArrayEquals(ints(c.get("change_points")), s.changePoints(), name + " change points");
                assertScatter(c.get("scatter").asDouble(), s.scatter(), name + " scatter");
            }));
            for (JsonNode fixed : c.get("fixed")) {
                int m = fixed.get("change_point_count").asInt();
                tests.add(DynamicTest.dynamicTest(name + ": cpd_nonlin with " + m + " change points", () -> {
                    Segmentation s = ktsFor(c).segment(features(c.get("features")), m);
                    assertArrayEquals(ints(fixed.get("change_points")), s.changePoints(), name + " change points");
                    assertScatter(fixed.get("scatter").asDouble(), s.scatter(), name + " scatter");
                }));
            }
        }
        return tests;
    }
}
