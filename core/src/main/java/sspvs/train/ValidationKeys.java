package sspvs.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import sspvs.data.Split;
import sspvs.data.SplitKey;

/**
 * The honest protocol's validation set: a seeded {@value #PERCENT}% of a split's training keys (at least one video,
 * never all of them) held out to choose the epoch, so the test videos play no part in model selection.
 *
 * <p>The videos are drawn from the training keys of the <em>target</em> data set — the set the test keys belong
 * to — when at least two such keys exist: in the augmented configs ({@code *_a}) that is the TVSum or SumMe part of
 * the training keys, so validation measures what the test measures. In the transfer configs ({@code *_t}) the
 * training keys hold no target video at all, and the validation videos come from all training keys.
 *
 * @param train the keys trained on, in the split file's order
 * @param validation the held-out keys, in the split file's order
 */
public record ValidationKeys(List<String> train, List<String> validation) {
    /** Share of the (target) training keys held out, in percent. */
    public static final int PERCENT = 20;

    public ValidationKeys {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /** The carve of split {@code index}: the same seed and split always give the same keys. */
    public static ValidationKeys carve(Split split, long seed, int index) {
        Set<String> targetSets = new HashSet<>();
        for (String k : split.testKeys()) {
            targetSets.add(Objects.toString(SplitKey.parse(k, "split " + index).set(), ""));
        }
        List<String> pool = new ArrayList<>();
        for (String k : split.trainKeys()) {
            if (targetSets.contains(Objects.toString(SplitKey.parse(k, "split " + index).set(), ""))) {
                pool.add(k);
            }
        }
        if (pool.size() < 2) {
            pool = new ArrayList<>(split.trainKeys());
        }
        int n = Math.max(1, (int) Math.round(pool.size() * PERCENT / 100.0));
        n = Math.min(n, split.trainKeys().size() - 1);
        if (n < 1) {
            throw new sspvs.UserException("split " + index + " has a single training video: nothing is left to "
                    + "hold out for validation", sspvs.UserException.Remedy.SELECT_ON_TEST);
        }
        Collections.shuffle(pool, new Random(seed * 1_000_003L + index));
        Set<String> held = new HashSet<>(pool.subList(0, n));
        List<String> train = split.trainKeys().stream().filter(k -> !held.contains(k)).toList();
        List<String> validation = split.trainKeys().stream().filter(held::contains).toList();
        return new ValidationKeys(train, validation);
    }
}
