package sspvs.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.data.Eccv16File;
import sspvs.data.VideoRecord;
import sspvs.model.SummarizerCheckpoints;
import sspvs.text.TextInputBuilder;
import sspvs.text.VideoTextInputs;
import sspvs.train.RunInputs;

/**
 * {@code sspvs predict}: scores videos with a trained checkpoint (ours, e.g. {@code results/TS_C/split0.ckpt}, or a
 * reference Lightning checkpoint) in eval mode, full length, and writes the per-step scores in the format
 * {@code sspvs evaluate --scores} reads: a JSON object mapping each video key to its list of T scores.
 *
 * <p>A text-guided checkpoint ({@code with_info_guide}) also reads each video's token file {@code <video>.h5} from
 * {@code --info-embed DIR}, else from the checkpoint config's {@code info_embed_root_test} (as written, then its last
 * name beside the data file), and feeds {@code [CLS] cat [SEP] query [SEP] title [SEP]} with the parts whole, as the
 * reference's evaluation does.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Scores videos with a trained checkpoint and writes SCORES.json for 'sspvs evaluate'.",
            "Eval mode, full length; SCORES.json maps each video key to one score per feature step."})
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "A checkpoint written by 'sspvs run' (or a reference Lightning .ckpt).")
    Path checkpoint;

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "Run config for checkpoints that do not state their architecture (reference files).")
    Path config;

    @Option(names = "--data", required = true, paramLabel = "FILE.h5", description = "eccv16-layout HDF5 file.")
    Path data;

    @Option(names = "--videos", split = ",", paramLabel = "KEY",
            description = "Only these videos (comma-separated keys, e.g. video_1,video_7); default: all.")
    List<String> videos;

    @Option(names = "--info-embed", paramLabel = "DIR",
            description = "Token files <video>.h5 for a text-guided checkpoint (default: the checkpoint config's "
                    + "info_embed_root_test, as written or beside --data).")
    Path infoEmbed;

    @Option(names = "--out", required = true, paramLabel = "SCORES.json", description = "Where to write the scores.")
    Path out;

    @Override
    public Integer call() {
        refuseOverwritingTheData();
        RunConfig fallback = config == null ? null : RunConfig.load(config);
        ObjectNode root = Json.object();
        int count = 0;
        try (NDManager manager = NDManager.newBaseManager();
                SummarizerCheckpoints.Loaded loaded = SummarizerCheckpoints.load(checkpoint, manager, fallback);
                Eccv16File file = Eccv16File.open(data)) {
            if (loaded.scoreHeadsUntrained()) {
                spec.commandLine().getErr().println("sspvs: warning: " + checkpoint + " has no trained score heads "
                        + "(" + loaded.report().describe() + "); its scores are from untrained heads");
            } else if (loaded.origin() == SummarizerCheckpoints.Origin.REFERENCE) {
                // a reference file loads non-strictly: always say what was and was not used
                spec.commandLine().getErr().println("sspvs: warning: " + loaded.report().describe());
            }
            List<String> keys = videos == null || videos.isEmpty() ? file.keys() : videos;
            for (String key : keys) {
                if (!file.contains(key)) {
                    throw new UserException(data + ": no video '" + key + "' (it has " + file.keys().size()
                            + " videos, e.g. " + file.keys().stream().limit(5).toList() + ")");
                }
            }
            int d = loaded.spec().dModel();
            VideoTextInputs texts = loaded.model().textGuided()
                    ? VideoTextInputs.read(infoEmbedRoot(loaded.config()), keys, limits(loaded.config()))
                    : null;
            for (String key : keys) {
                VideoRecord video = file.read(key);
                int width = video.features().length == 0 ? 0 : video.features()[0].length;
                if (width != d) {
                    throw new UserException(data + ": video " + key + " has " + width + "-d features, but "
                            + checkpoint + " was trained on " + d + "-d features");
                }
                ArrayNode list = root.putArray(key);
                float[] scores = texts == null ? loaded.model().predict(video.features())
                        : loaded.model().predictWithText(video.features(), texts.evaluation().get(key));
                for (int i = 0; i < scores.length; i++) {
                    if (!Float.isFinite(scores[i])) {
                        throw new UserException(checkpoint + ": the model scored video " + key + " as " + scores[i]
                                + " at step " + i + " (non-finite); nothing written to " + out);
                    }
                    list.add(scores[i]);
                }
                count++;
            }
        }
        Json.write(out, root);
        spec.commandLine().getOut().printf("scored %d video(s) -> %s%n", count, out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** {@code --out} naming the data file itself (or a link to it) would replace the HDF5 with JSON. */
    private void refuseOverwritingTheData() {
        try {
            if (Files.exists(out) && Files.exists(data) && Files.isSameFile(out, data)) {
                throw new UserException("--out " + out + " is the data file given as --data; the scores would "
                        + "replace it. Choose another file, e.g. scores.json");
            }
        } catch (java.io.IOException e) {
            throw new UserException("--out " + out + ": cannot check it against --data (" + e.getMessage() + ")", e);
        }
        if (Files.isDirectory(out)) {
            throw new UserException("--out " + out + " is a folder; give the scores file's name, e.g. "
                    + out.resolve("scores.json"));
        }
    }

    /** The token folder: --info-embed, else the config's info_embed_root_test as written, else beside the data. */
    private Path infoEmbedRoot(RunConfig config) {
        if (infoEmbed != null) {
            return infoEmbed;
        }
        String written = config == null ? null : config.infoEmbedRootTest();
        if (written == null || written.isBlank()) {
            throw new UserException(checkpoint + " is text-guided: give the folder of its token files with "
                    + "--info-embed DIR; " + Hints.TEXT_TOKENS);
        }
        Path asWritten = Path.of(written);
        if (Files.isDirectory(asWritten)) {
            return asWritten;
        }
        Path parent = data.toAbsolutePath().getParent();
        Path beside = parent == null ? asWritten : parent.resolve(asWritten.getFileName());
        if (Files.isDirectory(beside)) {
            return beside;
        }
        throw new UserException(checkpoint + " is text-guided and its token folder " + written + " was not found "
                + "(looked at " + asWritten + ", " + beside + "); give it with --info-embed DIR; "
                + Hints.TEXT_TOKENS);
    }

    /** Evaluation uses the parts whole; the limits only shape training inputs. */
    private static TextInputBuilder.Limits limits(RunConfig config) {
        return config == null ? new TextInputBuilder.Limits(1, 3, 10, 15)
                : new TextInputBuilder.Limits(config.maxCat(), config.maxQuery(), config.maxTitle(), config.maxDesc());
    }
}
