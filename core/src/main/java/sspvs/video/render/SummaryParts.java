package sspvs.video.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the summary's time ranges into parts of about equal length, so that each part's video can be encoded
 * by its own thread and the encoded parts joined end to end.
 *
 * <p>A part is a list of {@link Piece}s. A piece is a whole range or a slice of one: when balance needs it, a
 * range is cut at a frame boundary (a whole number of frame intervals after the range's start), its first slice
 * ending one part and its second starting the next. Each piece keeps its range's start and its range's place in
 * the summary, so a frame is numbered exactly as it would be if the range were copied whole.
 */
final class SummaryParts {
    /** Parts shorter than this (seconds of summary) cost more in start-up and seeking than they save. */
    static final double MIN_PART_SECONDS = 2.0;
    /** More parts than this gain nothing on common machines and multiply the seeks. */
    static final int MAX_PARTS = 8;

    /**
     * Frames of the source range {@code [rangeStart, rangeEnd)} whose time lies in {@code [from, to)} (each
     * within half a frame), placed as if the range began at {@code rangeOffset} seconds of the summary.
     */
    record Piece(double rangeStart, double rangeEnd, double rangeOffset, double from, double to) {
        double seconds() {
            return to - from;
        }
    }

    private SummaryParts() {}

    /** How many parts to encode at once: one per processor, at most {@value #MAX_PARTS}, none under 2 s. */
    static int partCount(double summarySeconds, int processors) {
        int bySize = (int) Math.floor(summarySeconds / MIN_PART_SECONDS + 1e-9);
        return Math.max(1, Math.min(Math.min(processors, MAX_PARTS), bySize));
    }

    /** Each range whole, in one part: the plan of a single pass. */
    static List<Piece> whole(List<double[]> ranges) {
        List<Piece> pieces = new ArrayList<>();
        double offset = 0;
        for (double[] r : ranges) {
            pieces.add(new Piece(r[0], r[1], offset, r[0], r[1]));
            offset += r[1] - r[0];
        }
        return pieces;
    }

    /**
     * Splits {@code ranges} (ascending, disjoint) into {@code parts} consecutive parts whose lengths differ by at
     * most about one frame. A cut within half a frame of a range's start or end moves there, so no piece is
     * shorter than about half a frame; a part comes out empty only for summaries of a few frames.
     */
    static List<List<Piece>> plan(List<double[]> ranges, int parts, double fps) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        List<Piece> all = whole(ranges);
        double total = all.isEmpty() ? 0 : all.get(all.size() - 1).rangeOffset() + all.get(all.size() - 1).seconds();
        double frame = 1 / fps;
        List<List<Piece>> out = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        int index = 1; // the cut that ends the current part is at index * total / parts
        for (Piece range : all) {
            double from = range.from();
            while (index < parts) {
                double cutOut = index * total / parts; // in summary time
                double cut = range.rangeStart() + Math.round((cutOut - range.rangeOffset()) * fps) * frame;
                if (cut >= range.rangeEnd() - frame / 2) {
                    break; // the cut lies at this range's end or later: the next range's start is near enough
                }
                if (cut > from + frame / 2) { // else the cut lies at this range's start
                    current.add(new Piece(range.rangeStart(), range.rangeEnd(), range.rangeOffset(), from, cut));
                    from = cut;
                }
                out.add(current);
                current = new ArrayList<>();
                index++;
            }
            current.add(new Piece(range.rangeStart(), range.rangeEnd(), range.rangeOffset(), from, range.to()));
        }
        out.add(current);
        while (out.size() < parts) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    /** Seconds of summary in a part. */
    static double seconds(List<Piece> part) {
        return part.stream().mapToDouble(Piece::seconds).sum();
    }
}
