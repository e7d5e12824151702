package sspvs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart as inline SVG (no script, no fonts or files to fetch): epochs on x, one polyline per series,
 * dashed for validation, and a vertical line with a dot where an epoch was chosen. NaN points break a line.
 */
final class SvgChart {
    /** One line: {@code y[i]} at epoch {@code x[i]} (1-based on the axis). */
    record Series(String name, String color, boolean dashed, double[] x, double[] y) {}

    /** A chosen epoch, drawn on its series. */
    record Marker(double x, double y, String color) {}

    private static final int W = 300, H = 190, LEFT = 46, RIGHT = 10, TOP = 24, BOTTOM = 30;

    private final String id;
    private final String title;
    private final List<Series> series = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();

    SvgChart(String id, String title) {
        this.id = id;
        this.title = title;
    }

    SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    SvgChart mark(Marker m) {
        markers.add(m);
        return this;
    }

    String svg() {
        double xMin = Double.POSITIVE_INFINITY, xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY, yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isNaN(s.y()[i])) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    yMin = Math.min(yMin, s.y()[i]);
                    yMax = Math.max(yMax, s.y()[i]);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg class=\"plot\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", id, W, H, W, H,
                Html.escape(title)));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"15\" class=\"title\">%s</text>", LEFT,
                Html.escape(title)));
        if (xMin > xMax) {
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"empty\">no values yet</text>",
                    LEFT, H / 2));
            return out.append("</svg>").toString();
        }
        if (xMax == xMin) {
            xMax = xMin + 1;
        }
        if (yMax - yMin < 1e-9) {
            yMin -= 0.5;
            yMax += 0.5;
        }
        double pad = (yMax - yMin) * 0.05;
        yMin -= pad;
        yMax += pad;
        Axes axes = new Axes(xMin, xMax, yMin, yMax);
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
                LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        for (int t = 0; t <= 4; t++) {
            double v = yMin + (yMax - yMin) * t / 4;
            double py = axes.y(v);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>", LEFT, W - RIGHT, py,
                    py, LEFT - 4, py + 3, tick(v, yMax - yMin)));
        }
        for (long e : xTicks(xMin, xMax)) {
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">"
                    + "%d</text>", axes.x(e), H - BOTTOM + 13, e));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">epoch"
                + "</text>", LEFT + (W - LEFT - RIGHT) / 2, H - 4));
        for (Marker m : markers) {
            out.append(String.format(Locale.ROOT, "<line class=\"chosen\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" "
                    + "y2=\"%d\" stroke=\"%s\"/>", axes.x(m.x()), axes.x(m.x()), TOP, H - BOTTOM, m.color()));
            if (!Double.isNaN(m.y())) {
                out.append(String.format(Locale.ROOT, "<circle class=\"chosen-point\" cx=\"%.1f\" cy=\"%.1f\" "
                        + "r=\"3.5\" fill=\"%s\"/>", axes.x(m.x()), axes.y(m.y()), m.color()));
            }
        }
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            List<String> lines = new ArrayList<>();
            for (int i = 0; i <= s.x().length; i++) {
                if (i == s.x().length || Double.isNaN(s.y()[i])) {
                    if (points.length() > 0) {
                        lines.add(points.toString().trim());
                        points.setLength(0);
                    }
                } else {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", axes.x(s.x()[i]), axes.y(s.y()[i])));
                }
            }
            for (String p : lines) {
                out.append(String.format(Locale.ROOT, "<polyline class=\"series\" data-series=\"%s\" points=\"%s\" "
                        + "stroke=\"%s\"%s><title>%s</title></polyline>", Html.escape(s.name()), p, s.color(),
                        s.dashed() ? " stroke-dasharray=\"4 3\"" : "", Html.escape(s.name())));
            }
        }
        return out.append("</svg>").toString();
    }

    private record Axes(double xMin, double xMax, double yMin, double yMax) {
        double x(double v) {
            return LEFT + (v - xMin) / (xMax - xMin) * (W - LEFT - RIGHT);
        }

        double y(double v) {
            return H - BOTTOM - (v - yMin) / (yMax - yMin) * (H - TOP - BOTTOM);
        }
    }

    private static List<Long> xTicks(double min, double max) {
        long step = Math.max(1, (long) Math.ceil((max - min) / 6));
        List<Long> out = new ArrayList<>();
        for (long e = (long) Math.ceil(min); e <= max; e += step) {
            out.add(e);
        }
        return out;
    }

    private static String tick(double v, double range) {
        return String.format(Locale.ROOT, range < 0.05 ? "%.4f" : range < 1 ? "%.3f" : "%.2f", v);
    }
}
