package sspvs.video.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sspvs.video.render.SummaryParts.Piece;

class SummaryPartsTest {
    static final double FPS = 30;

    @Test
    void partCountFollowsProcessorsButKeepsPartsAtLeastTwoSeconds() {
        assertEquals(2, SummaryParts.partCount(45, 2));
        assertEquals(8, SummaryParts.partCount(45, 64), "at most 8");
        assertEquals(1, SummaryParts.partCount(45, 1));
        assertEquals(1, SummaryParts.partCount(3.9, 4), "a tiny summary is written in one pass");
        assertEquals(1, SummaryParts.partCount(0.5, 16));
        assertEquals(2, SummaryParts.partCount(4.0, 16));
        assertEquals(3, SummaryParts.partCount(6.5, 16));
    }

    /** Every frame-time of every range lies in exactly one piece; pieces keep order; parts are balanced. */
    static void assertValidPlan(List<double[]> ranges, int parts, List<List<Piece>> plan) {
        assertEquals(parts, plan.size());
        List<Piece> flat = new ArrayList<>();
        plan.forEach(flat::addAll);
        // pieces in order, each inside its range, consecutive pieces of a range touch exactly
        int range = 0;
        double offset = 0;
        double expectedFrom = ranges.get(0)[0];
        for (Piece p : flat) {
            if (p.from() == ranges.get(range)[1] || p.rangeStart() != ranges.get(range)[0]) {
                offset += ranges.get(range)[1] - ranges.get(range)[0];
                range++;
                expectedFrom = ranges.get(range)[0];
            }
            assertEquals(ranges.get(range)[0], p.rangeStart());
            assertEquals(ranges.get(range)[1], p.rangeEnd());
            assertEquals(offset, p.rangeOffset(), 1e-9, "the range's place in the summary");
            assertEquals(expectedFrom, p.from(), 1e-12, "no gap, no overlap");
            assertTrue(p.to() > p.from(), "no empty piece");
            assertTrue(p.to() <= p.rangeEnd());
            expectedFrom = p.to();
        }
        assertEquals(ranges.size() - 1, range, "every range covered");
        assertEquals(ranges.get(range)[1], flat.get(flat.size() - 1).to());
        double total = SummaryVideoWriter.totalSeconds(ranges);
        for (List<Piece> part : plan) {
            assertEquals(total / parts, SummaryParts.seconds(part), 1.0 / FPS + 1e-9, "balanced to a frame");
        }
    }

    @Test
    void rangesAreSplitInOrderWithoutGapOrOverlapAndBalanced() {
        List<double[]> ranges = List.of(new double[] {1, 3.4}, new double[] {5, 9.2}, new double[] {12.5, 14});
        for (int parts = 1; parts <= 4; parts++) {
            assertValidPlan(ranges, parts, SummaryParts.plan(ranges, parts, FPS));
        }
        // 2 parts of 8.1 s: the cut at 4.05 s of summary falls 1.65 s (49.5 frames; 50) into the second range
        List<List<Piece>> two = SummaryParts.plan(ranges, 2, FPS);
        assertEquals(2, two.get(0).size());
        assertEquals(5 + 50 / FPS, two.get(0).get(1).to(), 1e-9);
        assertEquals(5 + 50 / FPS, two.get(1).get(0).from(), 1e-9);
        assertEquals(5.0, two.get(1).get(0).rangeStart());
        assertEquals(2.4, two.get(1).get(0).rangeOffset(), 1e-12);
    }

    @Test
    void aCutNearARangeBoundaryMovesThereAndOneAtItStaysWhole() {
        // 2 ranges of 3 s: the cut falls exactly between them, no range is sliced
        List<double[]> ranges = List.of(new double[] {0, 3}, new double[] {10, 13});
        List<List<Piece>> plan = SummaryParts.plan(ranges, 2, FPS);
        assertEquals(1, plan.get(0).size());
        assertEquals(1, plan.get(1).size());
        assertEquals(10.0, plan.get(1).get(0).from());
        // a cut a third of a frame after a range's end moves to the next range's start
        List<double[]> uneven = List.of(new double[] {0, 3}, new double[] {10, 13 + 2.0 / 3 / FPS});
        List<List<Piece>> p2 = SummaryParts.plan(uneven, 2, FPS);
        assertEquals(List.of(3.0), p2.get(0).stream().map(Piece::to).toList());
        assertValidPlan(uneven, 2, p2);
    }

    @Test
    void cutsInsideARangeLieOnItsFrameGrid() {
        List<double[]> ranges = List.of(new double[] {2.01, 20.0});
        List<List<Piece>> plan = SummaryParts.plan(ranges, 3, FPS);
        assertValidPlan(ranges, 3, plan);
        for (List<Piece> part : plan.subList(1, 3)) {
            double framesIn = (part.get(0).from() - 2.01) * FPS;
            assertEquals(Math.round(framesIn), framesIn, 1e-6);
        }
    }

    @Test
    void randomSummariesGiveValidPlans() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            List<double[]> ranges = new ArrayList<>();
            double t = rnd.nextDouble() * 5;
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                double len = 0.5 + rnd.nextDouble() * 6;
                ranges.add(new double[] {t, t + len});
                t += len + rnd.nextDouble() * 20;
            }
            int parts = SummaryParts.partCount(SummaryVideoWriter.totalSeconds(ranges), 1 + rnd.nextInt(8));
            assertValidPlan(ranges, parts, SummaryParts.plan(ranges, parts, FPS));
        }
    }

    @Test
    void onePartIsTheWholeRanges() {
        List<double[]> ranges = List.of(new double[] {1, 2}, new double[] {4, 6.5});
        List<List<Piece>> plan = SummaryParts.plan(ranges, 1, FPS);
        assertEquals(SummaryParts.whole(ranges), plan.get(0));
        assertFalse(plan.get(0).isEmpty());
        assertEquals(1.0, plan.get(0).get(1).rangeOffset());
    }
}
