package sspvs.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import sspvs.io.AtomicFiles;
import sspvs.summarize.SummarizeResult;

/**
 * The committed results of a batch: {@code OUT/.sspvs-batch/results/<folder>.json}, one per video, each written
 * whole ({@link AtomicFiles}) after the video's folder is in place. So a result on disk means its folder is
 * complete, a rewrite (rerun, Spark task retry) replaces it rather than adding to it, and a run killed at any moment
 * leaves either the old result or the new one.
 */
public final class ResultStore {
    /** Where a batch keeps its own state inside OUT (hidden, so it is not mistaken for a video's folder). */
    public static final String STATE = ".sspvs-batch";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The files {@code summarize} writes for a video, all present in a complete folder. */
    static final String[] OUTPUTS = {SummarizeResult.VIDEO, SummarizeResult.SHOTS, SummarizeResult.JSON,
        SummarizeResult.FEATURES, SummarizeResult.HTML};

    private final Path out;
    private final Path dir;

    public ResultStore(Path out) {
        this.out = out.toAbsolutePath().normalize();
        this.dir = this.out.resolve(STATE).resolve("results");
    }

    /** The folder of results (for cleaning up temporaries of a killed run). */
    public Path dir() {
        return dir;
    }

    /** The output folder of the video whose folder name is {@code folder}. */
    public Path folder(String folder) {
        return out.resolve(folder);
    }

    /** The committed result of {@code folder}, if any (an unreadable one counts as none: the video is redone). */
    public Optional<VideoResult> read(String folder) {
        Path file = dir.resolve(folder + ".json");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            VideoResult r = JSON.readValue(file.toFile(), VideoResult.class);
            return VideoResult.FORMAT.equals(r.format()) && r.video() != null ? Optional.of(r) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Commits {@code result} for {@code folder}, replacing an earlier one. */
    public void write(String folder, VideoResult result) {
        try {
            AtomicFiles.writeString(dir.resolve(folder + ".json"), JSON.writeValueAsString(result) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a result record could not be serialised", e);
        }
    }

    /** Whether {@code folder} holds every output file of {@code summarize}. */
    public boolean complete(String folder) {
        Path f = folder(folder);
        for (String name : OUTPUTS) {
            if (!Files.isRegularFile(f.resolve(name))) {
                return false;
            }
        }
        return true;
    }
}
