package sspvs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.UserException;
import sspvs.config.RunConfig;
import sspvs.model.ParameterTensor;
import sspvs.model.io.TorchCheckpoint;
import sspvs.model.TextEncoderChoice;
import sspvs.report.RecordsCsv;
import sspvs.text.BertConfig;
import sspvs.text.TextTraining;

/** {@code sspvs run} of text-guided configs ({@code with_info_guide: true}) on synthetic data with token files. */
class ExperimentRunnerTextTest {
    /** A tiny BERT with the real vocabulary, to keep runs fast: H 24, 1 layer. */
    private static final TextEncoderChoice TINY = TextEncoderChoice.random(
            new BertConfig(24, 1, 12, 48, 30522, 64, 2, 1e-12f, 0.1f, 0.1f, 0.02f), TextTraining.POOLER_ONLY);

    @TempDir
    Path dir;

    private static RunConfig textConfig(String... extra) {
        String[] all = new String[extra.length + 1];
        all[0] = "with_info_guide=true";
        System.arraycopy(extra, 0, all, 1, extra.length);
        return RunFixture.config(all);
    }

    @Test
    void aTextGuidedRunWithMiniLmTrainsAndWritesCheckpointsWithTheTextParts() throws IOException {
        RunFixture f = new RunFixture(dir);
        f.writeTokenFiles();
        Path results = dir.resolve("results");
        ExperimentRunner.Outcome outcome = f.textRunner("ts_c_tg", textConfig("max_epochs=2"), results)
                .textEncoderWithoutCheckpoint(TextEncoderChoice.miniLm(1, TextTraining.POOLER_ONLY)).run();

        assertEquals("ts_c_tg", RecordsCsv.read(dir.resolve("records.csv")).get(0).exp());
        assertTrue(Double.isFinite(outcome.row().fScore()), f.log.toString());
        Path ckpt = results.resolve("TS_C_TG/split0.ckpt");
        var names = TorchCheckpoint.load(ckpt, n -> false).allNames();
        for (String n : new String[] {"video_model.bert_embeddings.word_embeddings.weight",
                "video_model.bert_encoder.layer.0.output.dense.weight", "video_model.bert_pooler.dense.weight",
                "video_model.project_t_v.0.weight", "video_model.project_t_v.2.bias", "video_model.v_cls.weight"}) {
            assertTrue(names.contains(n), n + " in " + names);
        }
        assertFalse(names.contains("video_model.bert_encoder.layer.1.output.dense.weight"), "MiniLM cut to 1 layer");
        // the offline default encoder: MiniLM's 384 wide pooled vector projected to the features' width
        assertEquals(384, TorchCheckpoint.load(ckpt).stateDict().get("video_model.project_t_v.0.weight").shape()[0]);
        JsonNode text = new ObjectMapper().readTree(results.resolve("TS_C_TG/run.json").toFile()).get("text_guidance");
        assertEquals(384, text.get("hidden").asInt());
        assertEquals(RunFixture.VIDEOS, text.get("token_files").asInt());
        assertEquals(64, text.get("token_files_sha256").asText().length());
        assertTrue(text.get("encoder").asText().contains("all-MiniLM-L6-v2"), text.toString());
        assertTrue(f.log.toString().contains("text guidance: all-MiniLM-L6-v2"), f.log.toString());
    }

    @Test
    void anInterruptedTextGuidedRunResumesExactlyFromAStateWithoutTheFrozenBert() throws IOException {
        RunFixture f = new RunFixture(dir);
        f.writeTokenFiles();
        Path straight = dir.resolve("a/results");
        f.textRunner("ts_c_tg", textConfig(), straight).textEncoderWithoutCheckpoint(TINY).run();

        Path resumed = dir.resolve("b/results");
        assertThrows(ExperimentRunner.Interrupted.class, () -> f.textRunner("ts_c_tg", textConfig(), resumed)
                .textEncoderWithoutCheckpoint(TINY).interruptAfter(4).run());
        TrainingState state = TrainingState.load(resumed.resolve("TS_C_TG/split1.state.ckpt"));
        assertTrue(state.parameters().containsKey("bert_pooler.dense.weight"));
        assertTrue(state.parameters().containsKey("project_t_v.2.weight"));
        assertTrue(state.parameters().keySet().stream().noneMatch(n -> n.startsWith("bert_embeddings.")
                || n.startsWith("bert_encoder.")), "frozen BERT is not in the state: " + state.parameters().keySet());
        assertEquals(state.parameters().keySet(), state.optimizer().firstMoments().keySet());

        f.textRunner("ts_c_tg", textConfig(), resumed).textEncoderWithoutCheckpoint(TINY).run();
        assertEquals(MetricsFiles.withoutMemory(straight.resolve("TS_C_TG/metrics.csv")),
                MetricsFiles.withoutMemory(resumed.resolve("TS_C_TG/metrics.csv")));
        Map<String, ParameterTensor> a = new TorchCheckpointStore().load(straight.resolve("TS_C_TG/split1.ckpt"))
                .parameters();
        assertEquals(a, new TorchCheckpointStore().load(resumed.resolve("TS_C_TG/split1.ckpt")).parameters());
        assertTrue(a.containsKey("bert_embeddings.word_embeddings.weight"));
    }

    @Test
    void aMissingTokenFileIsAUserErrorSayingHowToMakeThem() throws IOException {
        RunFixture f = new RunFixture(dir);
        Path root = f.writeTokenFiles();
        Files.delete(root.resolve("video_7.h5"));
        UserException e = assertThrows(UserException.class,
                () -> f.textRunner("ts_c_tg", textConfig(), dir.resolve("results")).run());
        assertTrue(e.getMessage().contains("video_7"), e.getMessage());
        assertEquals(UserException.Remedy.TEXT_TOKENS, e.remedy(), "a front end says how to make them");
    }
}
