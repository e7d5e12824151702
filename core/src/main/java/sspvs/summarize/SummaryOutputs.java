package sspvs.summarize;

import sspvs.data.Shots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import sspvs.UserException;
import sspvs.io.TemporaryFolder;
import sspvs.report.Provenance;
import sspvs.video.features.FeatureFile;
import sspvs.video.render.SummaryVideoWriter;

/**
 * Writes what {@code sspvs summarize} promises, all or nothing: the files are made in a temporary folder beside
 * the output folder and moved into place at the end (an existing output folder is replaced only then); on any
 * failure the temporary folder is deleted and an existing output folder is left as it was.
 *
 * <ul>
 *   <li>{@value #VIDEO}: the chosen shots in order, with sound ({@link SummaryVideoWriter});</li>
 *   <li>{@value #SHOTS}: one row per shot, header with units:
 *       {@code index,start_s,end_s,start_frame,end_frame,frames,score,selected} (frames inclusive, 0-based);</li>
 *   <li>{@value #JSON}: video facts, sampling, per-step scores, shots, the selection, model and feature
 *       provenance (file names and SHA-256), stage timings;</li>
 *   <li>{@value #FEATURES}: the features for reuse ({@code --features}; {@link FeatureFile});</li>
 *   <li>{@value #HTML}: one self-contained page (no network): the score curve over time with the chosen shots
 *       highlighted (inline SVG drawn by inline script), a thumbnail per shot as a base64 JPEG, and the summary
 *       video as a relative {@code summary.mp4} link, so that file must stay beside the page.</li>
 * </ul>
 */
public final class SummaryOutputs {
    public static final String VIDEO = "summary.mp4";
    public static final String SHOTS = "shots.csv";
    public static final String JSON = "summary.json";
    public static final String FEATURES = "features.h5";
    public static final String HTML = "report.html";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryOutputs() {}

    /** What a summary folder holds: a folder of these only is an earlier summary and may be replaced. */
    public static final java.util.Set<String> FILES = java.util.Set.of(VIDEO, SHOTS, JSON, FEATURES, HTML);

    /**
     * Refuses an output folder that holds anything but an earlier summary's files, before any work is done: the
     * folder is replaced whole, and a user's files in it would go with it.
     */
    public static void checkReplaceable(Path outDir) {
        sspvs.io.OutputFolders.checkReplaceable(outDir, "summarize", FILES);
    }

    /** Writes every output for {@code s} into {@code outDir}; returns the time each file took, seconds. */
    public static Map<String, Double> write(VideoSummary s, Path outDir) {
        return write(s, outDir, ProgressListener.NONE);
    }

    /**
     * As {@link #write(VideoSummary, Path)}, reporting stages {@link Stage#SUMMARY_VIDEO} (frames encoded, of the
     * summary's frames) and {@link Stage#OUTPUTS} (files written) to {@code listener}, with the warning when the
     * video falls back to one pass.
     */
    public static Map<String, Double> write(VideoSummary s, Path outDir, ProgressListener listener) {
        Path target = outDir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new UserException(outDir + ": exists and is not a folder; choose another output folder");
        }
        checkReplaceable(target);
        Map<String, Double> seconds = new LinkedHashMap<>();
        // removes what an interrupted summarize left beside the target; deleted again on SIGTERM
        try (TemporaryFolder folder = TemporaryFolder.beside(target)) {
            Path temp = folder.path();
            long t = System.nanoTime();
            long frames = Math.max(1, Math.round(s.selectedSeconds() * s.fps()));
            listener.stageStarted(Stage.SUMMARY_VIDEO, frames);
            MonotoneProgress progress = new MonotoneProgress(listener, Stage.SUMMARY_VIDEO, frames);
            SummaryVideoWriter.Written video = SummaryVideoWriter.write(s.video().file(), s.selectedRanges(),
                    temp.resolve(VIDEO), progress::reached, listener::warning);
            seconds.put("write_video", since(t));
            listener.stageFinished(Stage.SUMMARY_VIDEO, since(t));
            t = System.nanoTime();
            long tOutputs = t;
            int files = 4;
            listener.stageStarted(Stage.OUTPUTS, files);
            int written = 0;
            // written even when read from a features.h5: every output folder holds one, and when that file lay in
            // the folder being replaced (--features OUT/features.h5 --out OUT) it would otherwise be lost
            FeatureFile.write(temp.resolve(FEATURES), s.features(), s.shots());
            listener.progress(Stage.OUTPUTS, ++written, files);
            Files.writeString(temp.resolve(SHOTS), shotsCsv(s), StandardCharsets.UTF_8);
            listener.progress(Stage.OUTPUTS, ++written, files);
            ObjectNode json = json(s, video);
            Files.writeString(temp.resolve(JSON), MAPPER.writeValueAsString(json) + "\n", StandardCharsets.UTF_8);
            listener.progress(Stage.OUTPUTS, ++written, files);
            Files.writeString(temp.resolve(HTML), html(s, json), StandardCharsets.UTF_8);
            listener.progress(Stage.OUTPUTS, ++written, files);
            seconds.put("write_files", since(t));
            replace(folder, target);
            listener.stageFinished(Stage.OUTPUTS, since(tOutputs));
            return seconds;
        } catch (IOException e) {
            throw new UserException(outDir + ": cannot write the summary (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Frames encoded, forwarded one call at a time and never backwards: the parallel writer's threads count at once,
     * and a fallback to one pass counts again from zero.
     */
    private static final class MonotoneProgress {
        private final ProgressListener listener;
        private final Stage stage;
        private final long total;
        private long done;

        MonotoneProgress(ProgressListener listener, Stage stage, long total) {
            this.listener = listener;
            this.stage = stage;
            this.total = total;
        }

        synchronized void reached(long frames) {
            long capped = Math.min(frames, total);
            if (capped > done) {
                done = capped;
                listener.progress(stage, done, total);
            }
        }
    }

    private static void replace(TemporaryFolder temp, Path target) throws IOException {
        sspvs.io.OutputFolders.swapIn(target, () -> temp.moveTo(target));
    }

    /** The shots table, one row per shot. */
    public static String shotsCsv(VideoSummary s) {
        StringBuilder sb = new StringBuilder("index,start_s,end_s,start_frame,end_frame,frames,score,selected\n");
        int[][] cps = s.shots().changePoints();
        for (int i = 0; i < cps.length; i++) {
            sb.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%d,%d,%d,%.6g,%d%n", i, s.secondsOf(cps[i][0]),
                    s.secondsOf(cps[i][1] + 1), cps[i][0], cps[i][1], s.shots().nFramePerSeg()[i],
                    s.summary().shotScores()[i], s.summary().selectedShots()[i] ? 1 : 0));
        }
        return sb.toString();
    }

    /** summary.json's content. */
    public static ObjectNode json(VideoSummary s, SummaryVideoWriter.Written written) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "sspvs-summary 1");
        ObjectNode v = root.putObject("video");
        v.put("file", s.video().file().getFileName().toString());
        v.put("sha256", s.videoSha256());
        v.put("duration_s", round(s.features().nFrames() / s.fps()));
        v.put("fps", s.fps());
        v.put("frames", s.features().nFrames());
        v.put("width", s.video().displayWidth());
        v.put("height", s.video().displayHeight());
        v.put("rotation_degrees", s.video().rotationDegrees());
        v.put("has_audio", s.video().hasAudio());
        v.put("video_codec", s.video().videoCodec());
        v.put("container", s.video().format());
        if (s.featuresReused()) {
            v.putNull("damaged_frames"); // not decoded this time
        } else {
            v.put("damaged_frames", s.damagedFrames());
        }

        ObjectNode f = root.putObject("features");
        f.put("extractor", s.features().extractor());
        f.put("extractor_sha256", s.features().extractorSha256());
        f.put("dimension", s.features().dimension());
        f.put("reused_from_file", s.featuresReused());
        f.put("sampling", "2 samples per second of video time (by timestamp)");
        f.put("steps", s.features().steps());
        ArrayNode picks = f.putArray("picks");
        ArrayNode times = f.putArray("sample_times_s");
        for (int i = 0; i < s.features().steps(); i++) {
            picks.add(s.features().picks()[i]);
            times.add(round(s.features().sampleTimes()[i]));
        }

        ObjectNode m = root.putObject("model");
        m.put("file", s.model().file());
        m.put("sha256", s.model().sha256());
        m.put("origin", s.model().origin());
        m.put("architecture", s.model().architecture());
        m.put("load_report", s.model().loadReport());
        m.put("score_heads_untrained", s.model().scoreHeadsUntrained());
        m.put("scoring_windows", s.scoringWindows());
        root.set("software", Provenance.software()); // the same block as run.json's

        ArrayNode scores = root.putArray("step_scores");
        for (float x : s.stepScores()) {
            scores.add(x);
        }

        ArrayNode shots = root.putArray("shots");
        int[][] cps = s.shots().changePoints();
        for (int i = 0; i < cps.length; i++) {
            ObjectNode shot = shots.addObject();
            shot.put("index", i);
            shot.put("start_s", round(s.secondsOf(cps[i][0])));
            shot.put("end_s", round(s.secondsOf(cps[i][1] + 1)));
            shot.put("start_frame", cps[i][0]);
            shot.put("end_frame", cps[i][1]);
            shot.put("frames", s.shots().nFramePerSeg()[i]);
            shot.put("score", s.summary().shotScores()[i]);
            shot.put("selected", s.summary().selectedShots()[i]);
        }

        ObjectNode sel = root.putObject("selection");
        sel.put("method", "shot score = mean frame score; 0/1 knapsack (weights n_frame_per_seg) within the ratio");
        sel.put("ratio", s.ratio());
        sel.put("capacity_frames", s.summary().capacity());
        sel.put("selected_frames", s.summary().selectedFrames());
        sel.put("selected_s", round(s.selectedSeconds()));
        ArrayNode chosen = sel.putArray("shots");
        for (int i = 0; i < cps.length; i++) {
            if (s.summary().selectedShots()[i]) {
                chosen.add(i);
            }
        }

        ObjectNode out = root.putObject("summary_video");
        out.put("file", VIDEO);
        out.put("video_frames", written.videoFrames());
        out.put("duration_s", round(written.seconds()));
        out.put("video_codec", written.videoCodec());
        out.put("has_audio", written.hasAudio());
        out.put("audio_samples", written.audioSamples());
        out.put("sample_rate", written.sampleRate());

        ObjectNode t = root.putObject("seconds");
        s.seconds().forEach((k, x) -> t.put(k, round(x)));
        return root;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** report.html: a self-contained page (see the class comment). */
    public static String html(VideoSummary s, ObjectNode json) throws IOException {
        ObjectNode data = MAPPER.createObjectNode();
        ArrayNode times = data.putArray("t");
        ArrayNode scores = data.putArray("s");
        for (int i = 0; i < s.features().steps(); i++) {
            times.add(round(s.features().sampleTimes()[i]));
            scores.add(s.stepScores()[i]);
        }
        data.put("duration", round(s.features().nFrames() / s.fps()));
        data.set("shots", json.get("shots"));
        String dataJson = new ObjectMapper().writeValueAsString(data).replace("</", "<\\/");

        String name = escape(s.video().file().getFileName().toString());
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<title>Summary of ").append(name).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}\n")
                .append("h1{font-size:22px}.meta{color:#555;font-size:14px}\n")
                .append(".warn{background:#fff3cd;border:1px solid #e0c060;padding:8px 12px;margin:12px 0}\n")
                .append("#plot svg{width:100%;height:auto;border:1px solid #ddd;background:#fff}\n")
                .append(".shots{display:flex;flex-wrap:wrap;gap:8px}\n")
                .append(".shot{width:168px;font-size:12px;border:2px solid #ddd;padding:2px;border-radius:4px}\n")
                .append(".shot.sel{border-color:#d9534f;background:#fdecea}.shot img{width:160px;display:block}\n")
                .append("video{max-width:480px;width:100%;background:#000}\n</style></head><body>\n");
        h.append("<h1>Summary of ").append(name).append("</h1>\n<p class=\"meta\">");
        int kept = json.get("selection").get("shots").size();
        h.append(String.format(Locale.ROOT, "%.1f s of video, %s; the summary keeps %s, %.1f s (ratio %.2f).",
                s.features().nFrames() / s.fps(), count(s.shots().count(), "shot"), count(kept, "shot"),
                s.selectedSeconds(), s.ratio()));
        h.append("<br>Model: ").append(escape(s.model().file())).append(" (").append(escape(s.model().origin()))
                .append(", ").append(escape(s.model().architecture())).append("). Features: ")
                .append(escape(s.features().extractor())).append(".</p>\n");
        if (s.model().scoreHeadsUntrained()) {
            h.append("<p class=\"warn\">The checkpoint has no trained score heads (the authors publish only the "
                    + "self-supervised model): these scores are untrained and the summary is arbitrary. "
                    + "Fine-tune it with <code>sspvs run</code> first.</p>\n");
        }
        h.append("<h2>Scores over time</h2>\n<div id=\"plot\"></div>\n<p class=\"meta\">Curve: the model's score "
                + "at each sampled step (2 per second). Shaded: the shots the summary keeps; ticks: shot "
                + "boundaries.</p>\n");
        // the first kept shot's thumbnail as the poster: a browser shows a black box until the video plays
        int firstKept = 0;
        while (firstKept < s.summary().selectedShots().length - 1 && !s.summary().selectedShots()[firstKept]) {
            firstKept++;
        }
        h.append("<h2>Summary video</h2>\n<video id=\"summary-video\" controls preload=\"metadata\" "
                        + "poster=\"data:image/jpeg;base64,")
                .append(Base64.getEncoder().encodeToString(s.shotThumbnails().get(firstKept)))
                .append("\" src=\"").append(SummaryOutputs.VIDEO)
                .append("\"></video>\n<p class=\"meta\">The video is the file <code>")
                .append(SummaryOutputs.VIDEO).append("</code>, which must stay in the same folder as this page."
                        + "</p>\n");
        h.append("<h2>Shots</h2>\n<div class=\"shots\">\n");
        int[][] cps = s.shots().changePoints();
        for (int i = 0; i < cps.length; i++) {
            boolean sel = s.summary().selectedShots()[i];
            h.append("<div class=\"shot").append(sel ? " sel" : "").append("\" id=\"shot-").append(i).append("\">")
                    .append("<img alt=\"shot ").append(i).append("\" src=\"data:image/jpeg;base64,")
                    .append(Base64.getEncoder().encodeToString(s.shotThumbnails().get(i))).append("\">")
                    .append(String.format(Locale.ROOT, "#%d %.1f–%.1f s<br>score %.3f%s", i,
                            s.secondsOf(cps[i][0]), s.secondsOf(cps[i][1] + 1), s.summary().shotScores()[i],
                            sel ? " · <b>kept</b>" : ""))
                    .append("</div>\n");
        }
        h.append("</div>\n");
        h.append("<script id=\"summary-data\" type=\"application/json\">").append(dataJson).append("</script>\n");
        h.append(PLOT_SCRIPT);
        h.append("</body></html>\n");
        return h.toString();
    }

    /** "1 shot", "2 shots". */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Draws the score curve and the chosen shots as inline SVG from the embedded data (no libraries). */
    private static final String PLOT_SCRIPT = """
            <script>
            (function () {
              var d = JSON.parse(document.getElementById('summary-data').textContent);
              var W = 1000, H = 260, L = 48, R = 12, T = 12, B = 36;
              var ns = 'http://www.w3.org/2000/svg';
              var max = 0;
              d.s.forEach(function (v) { if (v > max) max = v; });
              if (!(max > 0)) max = 1;
              var dur = d.duration > 0 ? d.duration : 1;
              function x(t) { return L + (W - L - R) * t / dur; }
              function y(v) { return T + (H - T - B) * (1 - v / max); }
              function el(name, attrs, parent) {
                var e = document.createElementNS(ns, name);
                for (var k in attrs) e.setAttribute(k, attrs[k]);
                (parent || svg).appendChild(e);
                return e;
              }
              var svg = document.createElementNS(ns, 'svg');
              svg.setAttribute('id', 'score-plot');
              svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
              d.shots.forEach(function (s) {
                if (s.selected) {
                  var r = el('rect', {'class': 'selected-shot', x: x(s.start_s), y: T,
                    width: Math.max(1, x(s.end_s) - x(s.start_s)), height: H - T - B, fill: '#f4b6b3'});
                  el('title', {}, r).textContent = 'shot ' + s.index + ': ' + s.start_s + '-' + s.end_s + ' s';
                }
                el('line', {'class': 'shot-boundary', x1: x(s.start_s), x2: x(s.start_s), y1: H - B, y2: H - B + 6,
                  stroke: '#888'});
              });
              el('line', {x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: '#333'});
              el('line', {x1: L, x2: L, y1: T, y2: H - B, stroke: '#333'});
              var path = '';
              for (var i = 0; i < d.t.length; i++) {
                path += (i ? 'L' : 'M') + x(d.t[i]).toFixed(1) + ' ' + y(d.s[i]).toFixed(1);
              }
              el('path', {id: 'score-curve', d: path, fill: 'none', stroke: '#1f5fa8', 'stroke-width': 1.5});
              var ticks = 6;
              for (var k = 0; k <= ticks; k++) {
                var t = dur * k / ticks;
                el('text', {x: x(t), y: H - 10, 'font-size': 12, 'text-anchor': k === ticks ? 'end' : k === 0 ? 'start' : 'middle'}).textContent =
                  t >= 120 ? (t / 60).toFixed(1) + ' min' : t.toFixed(1) + ' s';
              }
              el('text', {x: L - 6, y: T + 10, 'font-size': 12, 'text-anchor': 'end'}).textContent = max >= 0.01 ? max.toFixed(2) : max.toPrecision(2);
              el('text', {x: L - 6, y: H - B, 'font-size': 12, 'text-anchor': 'end'}).textContent = '0';
              document.getElementById('plot').appendChild(svg);
            })();
            </script>
            """;
}
