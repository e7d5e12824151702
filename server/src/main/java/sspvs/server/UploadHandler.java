package sspvs.server;

import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import sspvs.UserException;
import sspvs.summarize.SummarizeRequest;

/**
 * {@code POST /api/jobs}: the multipart field {@code video} streamed to disk under a name of our own, the size
 * limit checked as the bytes arrive (413), the content probed, then the job queued (202) or recorded as failed
 * with the reason (422) so the page can show it.
 */
final class UploadHandler {
    /** Room for the multipart headers and the ratio field around the file. */
    private static final long FORM_OVERHEAD = 64 * 1024;
    /** Parts up to this size stay in memory while the form is parsed; larger ones stream to the incoming folder. */
    private static final int IN_MEMORY = 64 * 1024;
    private final JobStore store;
    private final JobWorkers workers;
    private final long maxBytes;

    UploadHandler(JobStore store, JobWorkers workers, long maxBytes) {
        this.store = store;
        this.workers = workers;
        this.maxBytes = maxBytes;
    }

    void handle(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes + FORM_OVERHEAD) { // refused before a byte is read
            tooLarge(ctx);
            return;
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new UserException("send the video as multipart/form-data in the field 'video'");
        }
        // Jetty parses the form as it streams, failing as soon as a part passes the limit
        ctx.req().setAttribute("org.eclipse.jetty.multipartConfig", new MultipartConfigElement(
                store.incoming().toString(), maxBytes, maxBytes + FORM_OVERHEAD, IN_MEMORY));
        Part video;
        double ratio;
        try {
            video = ctx.req().getPart("video");
            ratio = ratio(ctx.req().getPart("ratio"));
        } catch (Exception e) {
            if (exceedsLimit(e)) {
                tooLarge(ctx);
                return;
            }
            if (e instanceof UserException u) {
                throw u;
            }
            throw new UserException("cannot read the upload as a multipart form (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (video != null && video.getSize() > maxBytes) { // Jetty stops at the limit; this only makes sure
            tooLarge(ctx);
            return;
        }
        if (video == null || video.getSize() == 0) {
            throw new UserException(video == null ? "no field 'video' in the form" : "the uploaded video is empty");
        }
        String name = Uploads.displayName(video.getSubmittedFileName());
        String id = store.newJobFolder();
        JobStatus job;
        try {
            JobStatus pending = JobStatus.queued(id, name, 0, Uploads.extensionOf(name), ratio,
                    System.currentTimeMillis());
            Path input = store.jobFolder(id).resolve(Uploads.fileName(pending));
            try {
                // Jetty moves the file it spooled into incoming/ (same disk): a large upload is not written twice
                video.write(input.toString());
            } catch (IOException | RuntimeException e) {
                video.delete();
                throw e;
            }
            job = probed(pending, input);
        } catch (IOException | RuntimeException e) {
            store.discardFolder(id);
            throw e;
        }
        store.put(job);
        if (job.state() == JobState.QUEUED) {
            workers.submit(id);
            ServeApp.json(ctx, 202, Map.of("id", id, "status", job.state().json()));
        } else {
            ServeApp.json(ctx, 422, JobJson.of(job));
        }
    }

    /** The job queued with the video's duration, or failed as "not a video" with FFmpeg's reason. */
    private JobStatus probed(JobStatus pending, Path input) {
        try {
            double duration = Uploads.probeDuration(input);
            return JobStatus.queued(pending.id(), pending.videoName(), duration, pending.uploadExtension(),
                    pending.ratio(), System.currentTimeMillis());
        } catch (UserException e) {
            String reason = Uploads.withoutServerPaths(e.getMessage(), store.root(), pending.videoName());
            return pending.failed("not a video: " + reason, System.currentTimeMillis());
        }
    }

    private static double ratio(Part part) throws IOException {
        if (part == null) {
            return SummarizeRequest.DEFAULT_RATIO;
        }
        String text;
        try (InputStream in = part.getInputStream()) {
            text = new String(in.readNBytes(64), StandardCharsets.UTF_8).strip();
        }
        try {
            double r = Double.parseDouble(text);
            if (r > 0 && r <= 1) {
                return r;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UserException("ratio must be a number in (0, 1], not '" + text + "'");
    }

    private void tooLarge(Context ctx) {
        ctx.header("Connection", "close"); // the rest of the body is not read
        ServeApp.json(ctx, 413, Map.of("error", Uploads.tooLarge(maxBytes)));
    }

    /** Jetty's multipart parser says a part or the request passed the configured size. */
    private static boolean exceedsLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("exceeds")) {
                return true;
            }
        }
        return false;
    }
}
