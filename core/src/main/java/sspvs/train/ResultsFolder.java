package sspvs.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import sspvs.UserException;

/**
 * The layout of one run's folder, {@code <results>/<EXP>/}, and the only code that names its files:
 * {@code metrics.csv}, {@code run.json}, per split {@code split<k>.json} (progress), {@code split<k>.state.ckpt}
 * (training state, while the split trains), {@code split<k>.epoch<e>.ckpt} (candidate checkpoints of epochs that can
 * still win) and {@code split<k>.ckpt} (the chosen epoch's model). Candidates are pruned as epochs fall behind and
 * the winner is renamed atomically, so the folder never holds a half-written or half-moved checkpoint.
 */
public final class ResultsFolder {
    private final Path dir;

    public ResultsFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Creates the folder (and its parents); a folder that cannot be made is the user's to fix. */
    void create() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException(dir + ": cannot create the results folder (" + e.getMessage() + ")", e);
        }
    }

    public Path metricsCsv() {
        return dir.resolve("metrics.csv");
    }

    public Path runJson() {
        return dir.resolve("run.json");
    }

    public Path progress(int split) {
        return dir.resolve("split" + split + ".json");
    }

    public Path state(int split) {
        return dir.resolve("split" + split + ".state.ckpt");
    }

    public Path checkpoint(int split) {
        return dir.resolve("split" + split + ".ckpt");
    }

    public Path candidate(int split, int epoch) {
        return dir.resolve("split" + split + ".epoch" + epoch + ".ckpt");
    }

    /** Deletes the split's candidate checkpoints except those of the epochs in {@code keep}. */
    void keepCandidates(int split, Set<Integer> keep) {
        String prefix = "split" + split + ".epoch";
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".ckpt")) {
                    String middle = name.substring(prefix.length(), name.length() - ".ckpt".length());
                    if (!middle.isEmpty() && middle.chars().allMatch(Character::isDigit)
                            && !keep.contains(Integer.parseInt(middle))) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the chosen epoch's candidate the split's checkpoint (an atomic rename where the file system allows).
     * When the candidate is gone but the checkpoint is there, an earlier run was stopped just after the rename.
     */
    void promote(int split, int epoch) {
        Path winner = candidate(split, epoch);
        Path target = checkpoint(split);
        if (Files.exists(winner)) {
            move(winner, target);
        } else if (!Files.exists(target)) {
            throw new IllegalStateException(winner + " is missing: the chosen epoch's checkpoint was lost; delete "
                    + progress(split) + " to rerun split " + split);
        }
    }

    void deleteState(int split) {
        try {
            Files.deleteIfExists(state(split));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
