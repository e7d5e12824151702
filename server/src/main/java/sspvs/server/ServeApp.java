package sspvs.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import sspvs.UserException;
import sspvs.summarize.SummarizePipeline;

/**
 * The web application: the page ({@code /}, {@code /jobs/{id}}), the JSON API under {@code /api} (described in
 * {@code /api/openapi.json}) and the job files. Uploads go through {@link UploadHandler}; jobs run on
 * {@link JobWorkers}; everything lasting lives in the {@link JobStore}.
 */
public final class ServeApp implements AutoCloseable {
    /**
     * How the server runs.
     *
     * @param bind the address to listen on
     * @param port the port (0: a free one, see {@link #port()})
     * @param maxUploadBytes the largest upload accepted (413 beyond it)
     * @param workers jobs run at once, each with its own pipeline
     * @param tokenOrNull the secret every request must carry, or null
     */
    public record Options(String bind, int port, long maxUploadBytes, int workers, String tokenOrNull) {}

    static final ObjectMapper JSON = new ObjectMapper();
    private final JobStore store;
    private final JobWorkers workers;
    private final Javalin app;
    private final ServerListener events;

    private ServeApp(JobStore store, JobWorkers workers, Javalin app, ServerListener events) {
        this.store = store;
        this.workers = workers;
        this.app = app;
        this.events = events;
    }

    /**
     * Opens the data folder, starts the workers and the web server.
     *
     * @param pipelines opens one pipeline (called once per worker, on its first job)
     * @throws UserException for a data folder that is not ours or a port that is taken
     */
    public static ServeApp start(Path dataDir, Options options, Supplier<SummarizePipeline> pipelines,
            ServerListener events) {
        JobStore store = JobStore.open(dataDir);
        JobWorkers workers;
        try {
            workers = new JobWorkers(store, options.workers(), pipelines, events);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        AccessToken token = new AccessToken(options.tokenOrNull());
        UploadHandler uploads = new UploadHandler(store, workers, options.maxUploadBytes());
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        ServeApp serve = new ServeApp(store, workers, app, events);
        RequestOrigins origins = new RequestOrigins(options.bind());
        app.before(ctx -> {
            String refusal = origins.refusal(ctx.method().name(), ctx.header("Host"), ctx.header("Origin"));
            if (refusal != null) {
                serve.error(ctx, 403, refusal);
                ctx.skipRemainingHandlers();
            } else if (!token.admits(ctx)) {
                serve.error(ctx, 401, "this server needs its token (header " + AccessToken.HEADER
                        + ", Authorization: Bearer, or open /?token=...)");
                ctx.skipRemainingHandlers();
            }
        });
        app.get("/", ctx -> ctx.html(resource("index.html")));
        app.get("/jobs/{id}", ctx -> {
            if (store.get(ctx.pathParam("id")).isEmpty()) {
                serve.error(ctx, 404, "no such job");
            } else {
                ctx.html(resource("job.html"));
            }
        });
        app.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(resource("openapi.json")));
        app.post("/api/jobs", uploads::handle);
        app.get("/api/jobs", ctx -> json(ctx, 200, Map.of("jobs", store.list().stream().map(JobJson::of).toList())));
        app.get("/api/jobs/{id}", ctx -> json(ctx, 200, JobJson.of(serve.job(ctx))));
        app.delete("/api/jobs/{id}", serve::delete);
        app.get("/api/jobs/{id}/files/{name}", serve::file);
        app.exception(UserException.class, (e, ctx) -> serve.error(ctx, 400, e.getMessage()));
        app.exception(NoSuchJob.class, (e, ctx) -> serve.error(ctx, 404, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            events.internalError(ctx.method() + " " + ctx.path(), e);
            serve.error(ctx, 500, "internal error; see the server's log");
        });
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/json")) { // no route matched: JSON, not Javalin's text
                serve.error(ctx, 404, "not found");
            }
        });
        app.error(405, ctx -> serve.error(ctx, 405, "method not allowed"));
        try {
            app.start(options.bind(), options.port());
        } catch (RuntimeException e) {
            workers.close();
            store.close();
            throw new UserException("cannot listen on " + options.bind() + ":" + options.port() + " ("
                    + rootMessage(e) + ")");
        }
        return serve;
    }

    /** The port the server listens on (the one chosen when started with port 0). */
    public int port() {
        return app.port();
    }

    public JobStore store() {
        return store;
    }

    private JobStatus job(Context ctx) {
        return store.get(ctx.pathParam("id")).orElseThrow(NoSuchJob::new);
    }

    private void delete(Context ctx) throws IOException {
        JobStatus s = job(ctx);
        if (!store.deleteUnlessRunning(s.id())) { // decided under the store's lock: a worker may be claiming it
            error(ctx, 409, "the job is running; delete it once it has ended");
            return;
        }
        ctx.status(204);
    }

    /** One of the job's output files; nothing outside the fixed list, and no link, is ever served. */
    private void file(Context ctx) throws IOException {
        JobStatus s = job(ctx);
        String name = ctx.pathParam("name");
        if (!JobJson.FILES.contains(name)) {
            error(ctx, 404, "no such file (the files are " + String.join(", ", JobJson.FILES) + ")");
            return;
        }
        Path file = store.outputs(s.id()).resolve(name);
        if (s.state() != JobState.DONE || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            error(ctx, 404, "the job has no " + name + " (status " + s.state().json() + ")");
            return;
        }
        String type = switch (name.substring(name.lastIndexOf('.') + 1)) {
            case "mp4" -> "video/mp4";
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json";
            case "html" -> "text/html; charset=utf-8";
            default -> "application/x-hdf5";
        };
        if (!name.endsWith(".html")) {
            ctx.header("Content-Disposition", "inline; filename=\"" + name + "\"");
        }
        ByteRanges.send(ctx, file, Files.size(file), type); // range requests: the browser can seek the video
    }

    void error(Context ctx, int status, String message) {
        json(ctx, status, Map.of("error", message));
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ServeApp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
    }

    /** Stops taking requests, lets the workers finish their current video, then frees the data folder. */
    @Override
    public void close() {
        app.stop();
        workers.close();
        store.close();
    }

    /** An id in a URL that is not a job. */
    static final class NoSuchJob extends RuntimeException {
        NoSuchJob() {
            super("no such job", null, false, false);
        }
    }
}
