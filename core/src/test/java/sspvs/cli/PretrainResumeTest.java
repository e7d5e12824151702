package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sspvs.model.io.StateDict;
import sspvs.model.io.TorchCheckpoint;

/**
 * {@code sspvs pretrain} killed with SIGKILL after an epoch, then the same command again: it continues after the last
 * completed epoch and ends with the files of a run never stopped; a finished run is left as it is; a folder holding
 * a run on other settings or data is refused unless {@code --restart}.
 */
class PretrainResumeTest {
    private static final String EPOCHS = "4";
    private static final String[] TINY = {"feature_dim=16", "nhead_vid=2", "nhid_vid=32", "nlayers_vid=1",
        "window_size=3", "max_video=12", "max_desc=10", "text_encoder=random", "text_layers=1", "text_hidden=16",
        "text_heads=2", "text_ffn=32", "set_multiply=2", "batch_size_train=4", "batch_size_val=4", "val_freq=1",
        "max_epochs=" + EPOCHS};

    @TempDir
    Path dir;

    private static String[] pretrain(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("pretrain", "configs/ssl.yaml", "--out", out.toString(),
                "--synthetic", "16", "--threads", "1"));
        for (String s : TINY) {
            args.add("--set");
            args.add(s);
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aPretrainKilledAfterAnEpochResumesToTheFilesOfARunNeverStopped() throws Exception {
        Path straight = dir.resolve("a");
        CommandRun a = CommandRun.of(pretrain(straight));
        assertEquals(0, a.exitCode(), a.err());
        assertFalse(Files.exists(straight.resolve("SSL/state.ckpt")), "no state left after the last epoch");

        Path killed = dir.resolve("b");
        Path state = killed.resolve("SSL/state.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(pretrain(killed, "--quiet")));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        boolean killedMidway = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (child.isAlive() && System.nanoTime() < deadline) {
                if (Files.exists(state)) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                    killedMidway = true;
                    break;
                }
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(killedMidway, "killed after an epoch; the child's log:\n" + Files.readString(dir.resolve("child.log")));
        assertFalse(Files.exists(killed.resolve("SSL/last.ckpt")), "killed before its last epoch");

        // the state names the settings it started with: other ones are refused, nothing trained
        CommandRun other = CommandRun.of(pretrain(killed, "--set", "lr=0.5"));
        assertEquals(2, other.exitCode(), other.out());
        assertTrue(other.err().contains("another config (lr:"), other.err());
        assertTrue(other.err().contains("--restart"), other.err());
        assertTrue(Files.exists(state), "the state is kept");

        CommandRun resumed = CommandRun.of(pretrain(killed));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming "), resumed.out());
        assertFalse(resumed.out().contains("epoch 1/" + EPOCHS + ":"), "epoch 1 is not trained again:\n"
                + resumed.out());
        assertEquals(withoutSeconds(straight.resolve("SSL/metrics.csv")), withoutSeconds(killed.resolve(
                "SSL/metrics.csv")));
        for (String file : List.of("best.ckpt", "last.ckpt")) {
            assertSameTensors(straight.resolve("SSL").resolve(file), killed.resolve("SSL").resolve(file));
        }
        assertFalse(Files.exists(state), "no state left after the last epoch");
        String run = Files.readString(killed.resolve("SSL/run.json"));
        assertTrue(run.contains("\"epochs_done\" : " + EPOCHS), run);
        assertTrue(run.matches("(?s).*\"resumed_after_epochs\" : [1-3].*"), run);
    }

    @Test
    void aFinishedPretrainIsLeftAsItIsAndOtherSettingsOrDataAreRefusedUnlessRestarted() throws Exception {
        Path out = dir.resolve("a");
        assertEquals(0, CommandRun.of(pretrain(out, "--quiet")).exitCode());
        Path best = out.resolve("SSL/best.ckpt");
        byte[] before = Files.readAllBytes(best);
        long modified = Files.getLastModifiedTime(best).toMillis();

        CommandRun again = CommandRun.of(pretrain(out));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("finished earlier (" + EPOCHS + " epochs"), again.out());
        assertFalse(again.out().contains("epoch 1/"), "nothing trained again:\n" + again.out());
        assertArrayEquals(before, Files.readAllBytes(best));
        assertEquals(modified, Files.getLastModifiedTime(best).toMillis());

        CommandRun otherSeed = CommandRun.of(pretrain(out, "--set", "seed=7"));
        assertEquals(2, otherSeed.exitCode());
        assertTrue(otherSeed.err().contains("seed: 12345 there, 7 now"), otherSeed.err());

        // the same config on the same data given as --data is the same run; one video less in a list is not
        Path data = out.resolve("SSL/synthetic-ytvt");
        String[] onData = withoutSynthetic(pretrain(out, "--data", data.toString()));
        CommandRun same = CommandRun.of(onData);
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().contains("finished earlier"), same.out());
        Path trainList = data.resolve("list_file/train_list.json");
        String list = Files.readString(trainList);
        Files.writeString(trainList, list.replaceFirst("\"[^\"]+\",\\s*", ""));
        CommandRun otherData = CommandRun.of(onData);
        assertEquals(2, otherData.exitCode());
        assertTrue(otherData.err().contains("another data"), otherData.err());

        CommandRun restarted = CommandRun.of(withoutSynthetic(pretrain(out, "--data", data.toString(), "--restart")));
        assertEquals(0, restarted.exitCode(), restarted.err());
        assertTrue(restarted.out().contains("--restart: deleted 4 file(s)"), restarted.out());
        assertTrue(restarted.out().contains("epoch " + EPOCHS + "/" + EPOCHS + ":"), restarted.out());
    }

    private static String[] withoutSynthetic(String[] args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--synthetic")) {
                i++;
            } else {
                out.add(args[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    /** metrics.csv without its last column, the seconds an epoch took. */
    private static List<String> withoutSeconds(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static void assertSameTensors(Path expected, Path actual) {
        StateDict a = TorchCheckpoint.load(expected).stateDict();
        StateDict b = TorchCheckpoint.load(actual).stateDict();
        assertEquals(a.names(), b.names());
        for (String name : a.names()) {
            assertArrayEquals(a.get(name).data(), b.get(name).data(), expected.getFileName() + " " + name);
        }
    }
}
