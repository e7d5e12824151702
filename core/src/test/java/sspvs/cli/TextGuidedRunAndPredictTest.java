package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.model.ProgressiveSummarizer;
import sspvs.model.SummarizerSpec;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.io.TorchTensor;
import sspvs.model.TextEncoderChoice;
import sspvs.io.AtomicFiles;
import sspvs.report.RecordsCsv;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;
import sspvs.train.RunFixture;
import sspvs.train.TorchCheckpointStore;

/**
 * {@code sspvs run} of a {@code _tg} config on synthetic data with token files, initialised from a reference-style
 * checkpoint whose {@code video_model.bert_*} tensors decide the text encoder's size, then {@code sspvs predict}
 * with the checkpoint it wrote.
 */
class TextGuidedRunAndPredictTest {
    /** A tiny BERT with the real vocabulary: H 24, 1 layer, 12 heads, FFN 48. */
    private static final BertConfig TINY_BERT = new BertConfig(24, 1, 12, 48, 30522, 64, 2, 1e-12f, 0.1f, 0.1f,
            0.02f);

    @TempDir
    Path dir;

    /** configs/ts_c_tg.yaml in a project-like folder, made small. */
    private Path config() throws Exception {
        String text = Files.readString(Path.of("configs/ts_c_tg.yaml"))
                .replaceAll("(?m)^(nhead_vid|nhid_vid|nlayers_vid|iter|max_epochs|max_video):.*\\n", "");
        text = text + "nhead_vid: 2\nnhid_vid: 32\nnlayers_vid: 1\niter: 2\nmax_epochs: 2\nmax_video: "
                + RunFixture.STEPS + "\n";
        Path file = dir.resolve("project/configs/ts_c_tg.yaml");
        AtomicFiles.writeString(file, text);
        return file;
    }

    /** As the authors' self-supervised checkpoint: video encoder and BERT under video_model., no score heads. */
    private static Path referenceStyleCheckpoint(Path file, Map<String, float[]> bertOut) {
        StateDict dict = new StateDict();
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
                ProgressiveSummarizer model = new ProgressiveSummarizer(
                        new SummarizerSpec(RunFixture.DIM, 2, 32, 1, 2, 0.1f, 0.1f, 0.1f), m, 99,
                        TextEncoderChoice.random(TINY_BERT, TextTraining.ALL))) {
            model.exportTensors().forEach((name, t) -> {
                if (!name.startsWith("score_predict.")) {
                    dict.put("video_model." + name, new TorchTensor(t.shape(), t.data()));
                    if (name.startsWith("bert_")) {
                        bertOut.put(name, t.data());
                    }
                }
            });
        }
        dict.put("video_model.classifier.0.weight", new TorchTensor(new long[] {2, 3}, new float[6]));
        TorchCheckpoint.write(file, dict, Map.of("epoch", 19L));
        return file;
    }

    @Test
    void runsATextGuidedConfigFromAReferenceCheckpointThenPredictsWithIt() throws Exception {
        RunFixture f = new RunFixture(dir.resolve("shared"));
        f.writeTokenFiles(); // shared/tvsum_info_embed, beside the data file, as the config's data/tvsum_info_embed
        Map<String, float[]> bert = new LinkedHashMap<>();
        Path ckpt = referenceStyleCheckpoint(dir.resolve("pretrained_model.ckpt"), bert);
        Path results = dir.resolve("out/results");
        CommandRun run = CommandRun.of("run", config().toString(), "--data", f.dataFile.getParent().toString(),
                "--pretrained", ckpt.toString(), "--results", results.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("text guidance: BERT from pretrained_model.ckpt, H 24, 1 layer(s)"), run.out());
        assertTrue(run.out().contains("missing, left as initialised: score_predict"), run.out());
        assertEquals("ts_c_tg", RecordsCsv.read(dir.resolve("out/records.csv")).get(0).exp());

        // the checkpoint carries the text parts; the frozen BERT is still the pretrained one
        Path split0 = results.resolve("TS_C_TG/split0.ckpt");
        var saved = new TorchCheckpointStore().load(split0);
        assertTrue(saved.config().withInfoGuide());
        bert.forEach((name, values) -> {
            if (name.startsWith("bert_embeddings.") || name.startsWith("bert_encoder.")) {
                assertTrue(java.util.Arrays.equals(values, saved.parameters().get(name).data()), name);
            }
        });
        assertTrue(saved.parameters().containsKey("project_t_v.2.weight"));

        // predict reads the token files: given, or from the stored config's info_embed_root_test beside --data
        Path scores = dir.resolve("scores.json");
        CommandRun predict = CommandRun.of("predict", "--checkpoint", split0.toString(), "--data",
                f.dataFile.toString(), "--videos", "video_1,video_2", "--out", scores.toString());
        assertEquals(0, predict.exitCode(), predict.err());
        JsonNode json = new ObjectMapper().readTree(scores.toFile());
        assertEquals(RunFixture.STEPS, json.get("video_2").size());
        Path other = dir.resolve("scores2.json");
        assertEquals(0, CommandRun.of("predict", "--checkpoint", split0.toString(), "--data", f.dataFile.toString(),
                "--videos", "video_1,video_2", "--info-embed", f.dataFile.resolveSibling("tvsum_info_embed").toString(),
                "--out", other.toString()).exitCode());
        assertEquals(json, new ObjectMapper().readTree(other.toFile()));

        // a wrong token folder is a user error naming it and how to make the files
        CommandRun missing = CommandRun.of("predict", "--checkpoint", split0.toString(), "--data",
                f.dataFile.toString(), "--info-embed", dir.resolve("nowhere").toString(), "--out", other.toString());
        assertEquals(UserException.EXIT_CODE, missing.exitCode());
        assertTrue(missing.err().contains("nowhere") && missing.err().contains("--info-embed-out"), missing.err());
    }
}
