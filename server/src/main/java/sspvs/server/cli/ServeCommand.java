package sspvs.server.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.cli.FeatureExtractorOptions;
import sspvs.config.RunConfig;
import sspvs.model.SummarizerSpec;
import sspvs.model.WindowedScorer;
import sspvs.server.JobStatus;
import sspvs.server.ServeApp;
import sspvs.server.ServerListener;
import sspvs.summarize.ProgressListener;
import sspvs.summarize.SummarizePipeline;

/** {@code sspvs serve}: the web page and JSON API until stopped (Ctrl-C); jobs persist in --data. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves a web page and a JSON API that summarise uploaded videos with the same pipeline as "
                + "'summarize'. Open the printed address, drop a video, and watch its progress and report.",
            "API: POST /api/jobs (multipart field 'video', optional 'ratio'), GET /api/jobs[/ID], "
                + "GET /api/jobs/ID/files/NAME, DELETE /api/jobs/ID; described in /api/openapi.json."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "CKPT", required = true,
            description = "Checkpoint: one written by 'sspvs run', or a reference (PyTorch Lightning) .ckpt.")
    Path model;

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "Run config for a reference checkpoint that does not state its architecture.")
    Path config;

    @Mixin
    FeatureExtractorOptions extractorOptions;

    @Option(names = "--port", defaultValue = "8080", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String bind;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Where jobs, uploads and outputs are kept (default: ~/.local/share/sspvs/serve, or "
                    + "$XDG_DATA_HOME/sspvs/serve). A non-empty folder the server did not make is refused.")
    Path data;

    @Option(names = "--max-upload-mb", defaultValue = "4096",
            description = "Largest upload accepted, in MiB (larger: 413). Default: ${DEFAULT-VALUE}.")
    long maxUploadMb;

    @Option(names = "--workers", defaultValue = "1",
            description = "Videos summarised at once, each with its own copy of the model. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--token", paramLabel = "SECRET",
            description = "Every page and API call must carry it (header X-Sspvs-Token or Authorization: Bearer; a "
                    + "browser opens /?token=SECRET once). Needed when --bind is not a loopback address.")
    String token;

    @Option(names = "--window-steps", defaultValue = "" + WindowedScorer.DEFAULT_WINDOW,
            description = "Longest sequence scored in one pass (max " + (SummarizerSpec.MAX_LENGTH - 1)
                    + "). Default: ${DEFAULT-VALUE}.")
    int windowSteps;

    @Option(names = "--window-hop", defaultValue = "" + WindowedScorer.DEFAULT_HOP,
            description = "Step between windows for longer videos. Default: ${DEFAULT-VALUE}.")
    int windowHop;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        SummarizePipeline.Settings settings = checkedSettings();
        if (token == null && !isLoopback(bind)) {
            err.println("warning: listening on " + bind + " without --token: anyone who can reach this address can "
                    + "upload videos and read every job");
            err.flush();
        }
        Path dataDir = data != null ? data : defaultDataDir();
        LogLines log = new LogLines(err);
        // loaded once now, so a wrong checkpoint is one line at start rather than every job failing; the workers
        // load their own copies on their first job (an idle server holds no model)
        SummarizePipeline.open(settings, log.pipelineWarnings()).close();
        ServeApp app = ServeApp.start(dataDir, new ServeApp.Options(bind, port, maxUploadMb * 1024 * 1024, workers,
                token), () -> SummarizePipeline.open(settings, log.pipelineWarnings()), log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "sspvs-serve-stop"));
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("Serving on http://" + host + ":" + app.port() + "/ (" + app.store().list().size()
                + " jobs in " + app.store().root() + "); Ctrl-C stops");
        out.flush();
        stopped.await();
        return 0;
    }

    /** The options as the pipeline's settings, each mistake one line naming the option. */
    private SummarizePipeline.Settings checkedSettings() {
        if (!Files.isRegularFile(model)) {
            throw new UserException(model + ": checkpoint not found (--model)");
        }
        if (maxUploadMb < 1) {
            throw new UserException("--max-upload-mb must be at least 1, got " + maxUploadMb);
        }
        if (workers < 1) {
            throw new UserException("--workers must be at least 1, got " + workers);
        }
        if (port < 0 || port > 65535) {
            throw new UserException("--port must be 0..65535, got " + port);
        }
        try {
            new WindowedScorer(windowSteps, windowHop);
        } catch (IllegalArgumentException e) {
            throw new UserException("--window-steps/--window-hop: " + e.getMessage());
        }
        return SummarizePipeline.Settings.of(model).withConfig(config == null ? null : RunConfig.load(config))
                .withFeatures(extractorOptions.settings()).withWindow(windowSteps, windowHop);
    }

    static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UserException("--bind: unknown address '" + address + "'");
        }
    }

    /** $XDG_DATA_HOME/sspvs/serve, else ~/.local/share/sspvs/serve. */
    static Path defaultDataDir() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("sspvs").resolve("serve");
    }

    /** The server's events as timestamped lines on standard error. */
    static final class LogLines implements ServerListener {
        private final PrintWriter err;

        LogLines(PrintWriter err) {
            this.err = err;
        }

        private synchronized void line(String text) {
            err.println(LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + " " + text);
            err.flush();
        }

        @Override
        public void jobEnded(JobStatus s) {
            line("job " + s.id() + " (" + s.videoName() + ") " + s.state().json()
                    + (s.error() == null ? "" : ": " + s.error()));
        }

        @Override
        public void warning(String message) {
            line("warning: " + message);
        }

        @Override
        public void internalError(String context, Throwable error) {
            line("internal error in " + context + ":");
            synchronized (this) {
                error.printStackTrace(err);
                err.flush();
            }
        }

        ProgressListener pipelineWarnings() {
            return new ProgressListener() {
                @Override
                public void warning(String message) {
                    LogLines.this.warning(message);
                }
            };
        }
    }
}
