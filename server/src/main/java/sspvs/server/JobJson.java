package sspvs.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sspvs.summarize.SummarizeResult;

/** A job as the JSON API shows it (see openapi.json): the status file's facts plus the download URLs when done. */
final class JobJson {
    /** The files a done job serves, in the order the page lists them; nothing else is ever served. */
    static final List<String> FILES = List.of(SummarizeResult.VIDEO, SummarizeResult.SHOTS, SummarizeResult.JSON,
            SummarizeResult.HTML, SummarizeResult.FEATURES);

    private JobJson() {}

    static Map<String, Object> of(JobStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("status", s.state().json());
        m.put("stage", s.stage());
        m.put("progress", Math.round(s.progress() * 1000) / 1000.0);
        m.put("seconds_left", s.secondsLeft() == null ? null : Math.round(s.secondsLeft() * 10) / 10.0);
        m.put("error", s.error());
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("name", s.videoName());
        video.put("duration_s", s.durationSeconds());
        m.put("video", video);
        m.put("ratio", s.ratio());
        m.put("created_ms", s.createdMillis());
        m.put("finished_ms", s.finishedMillis());
        if (s.state() == JobState.DONE) {
            Map<String, String> files = new LinkedHashMap<>();
            for (String f : FILES) {
                files.put(f, "/api/jobs/" + s.id() + "/files/" + f);
            }
            m.put("files", files);
        }
        return m;
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }

    static String contentType(String file) {
        return switch (file.substring(file.lastIndexOf('.') + 1)) {
            case "mp4" -> "video/mp4";
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json";
            case "html" -> "text/html; charset=utf-8";
            default -> "application/x-hdf5";
        };
    }
}
