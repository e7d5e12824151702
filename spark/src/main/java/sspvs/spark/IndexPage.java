package sspvs.spark;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import sspvs.io.AtomicFiles;

/** {@value #FILE}: one self-contained page listing every video of the batch with its status and its report. */
public final class IndexPage {
    public static final String FILE = "index.html";

    private IndexPage() {}

    /** Writes the page into {@code out} (whole, replacing the last run's). */
    public static void write(Path out, List<VideoResult> results) {
        long ok = results.stream().filter(VideoResult::ok).count();
        double hours = results.stream().filter(VideoResult::ok).mapToDouble(r -> r.video().durationS()).sum() / 3600;
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>sspvs batch</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}")
                .append("table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ddd;padding:4px 8px;")
                .append("text-align:left}td.n{text-align:right}tr.failed td{background:#fdecea}</style></head>")
                .append("<body>\n<h1>sspvs batch</h1>\n<p>")
                .append(String.format(Locale.ROOT, "%d videos: %d ok, %d failed; %.2f hours of video.", results.size(),
                        ok, results.size() - ok, hours))
                .append("</p>\n<table>\n<tr><th>video</th><th>status</th><th>length (s)</th><th>shots</th>")
                .append("<th>kept (s)</th><th>report or error</th></tr>\n");
        for (VideoResult r : results) {
            VideoResult.VideoRow v = r.video();
            h.append("<tr class=\"").append(v.status()).append("\"><td>").append(escape(v.path())).append("</td><td>")
                    .append(v.status()).append("</td>");
            if (v.ok()) {
                String folder = Path.of(v.output()).getFileName().toString();
                h.append(String.format(Locale.ROOT, "<td class=\"n\">%.1f</td><td class=\"n\">%d</td>"
                        + "<td class=\"n\">%.1f</td>", v.durationS(), v.shots(), v.keptS()))
                        .append("<td><a href=\"").append(link(folder)).append("/report.html\">report</a> · <a href=\"")
                        .append(link(folder)).append("/summary.mp4\">summary.mp4</a></td>");
            } else {
                h.append("<td></td><td></td><td></td><td>").append(escape(v.error())).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<p>Tables: <code>videos/</code> and <code>shots/</code> (Parquet).</p>\n</body></html>\n");
        AtomicFiles.writeString(out.resolve(FILE), h.toString());
    }

    /** A folder name as a relative link (spaces and non-ASCII letters percent-encoded). */
    static String link(String folder) {
        return URLEncoder.encode(folder, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
