package sspvs.text;

import java.util.Random;

/**
 * Builds the token-id input of the text encoder from one video's {@link VideoTextInfo}, as the
 * reference does:
 * <ul>
 *   <li>summarizer ({@code datasets/video_info.py}): {@code [CLS] cat [SEP] query [SEP] title [SEP]};
 *       in training each part is cut to its first {@code max} ids or [PAD]-padded to {@code max}
 *       (fixed length, so videos batch); at evaluation the parts are used whole;</li>
 *   <li>self-supervised ({@code ssl/datasets/video_info.py}): {@code ... title [SEP] description [SEP]},
 *       each part cropped to a uniformly random window of {@code max} ids when longer, [PAD]-padded
 *       when shorter.</li>
 * </ul>
 * Padding stays visible to attention (the reference passes an all-ones mask): feed only the ids.
 */
public final class TextInputBuilder {
    /**
     * Per-part lengths ({@code max_cat}, {@code max_query}, {@code max_title}, {@code max_desc}).
     * The reference's TVSum text-guided configs use (1, 3, 10, 15), SumMe (1, 3, 1, 1), SSL (2, 2, 5, 50).
     */
    public record Limits(int category, int query, int title, int description) {
        public Limits {
            if (category < 0 || query < 0 || title < 0 || description < 0) {
                throw new IllegalArgumentException("text part lengths must be >= 0: " + this);
            }
        }
    }

    private final long clsId;
    private final long sepId;
    private final long padId;
    private final Limits limits;

    public TextInputBuilder(long clsId, long sepId, long padId, Limits limits) {
        this.clsId = clsId;
        this.sepId = sepId;
        this.padId = padId;
        this.limits = limits;
    }

    /** With the special-token ids of {@code tokenizer}. */
    public TextInputBuilder(TextTokenizer tokenizer, Limits limits) {
        this(tokenizer.clsId(), tokenizer.sepId(), tokenizer.padId(), limits);
    }

    public Limits limits() {
        return limits;
    }

    /** Length of every training input: 1 + cat + 1 + query + 1 + title + 1. */
    public int trainingLength() {
        return 4 + limits.category() + limits.query() + limits.title();
    }

    /** Length of every self-supervised input: {@link #trainingLength()} + description + 1. */
    public int selfSupervisedLength() {
        return trainingLength() + limits.description() + 1;
    }

    /** Summarizer training input: each part cut to its first ids or padded, fixed length. */
    public long[] forTraining(VideoTextInfo info) {
        return join(fit(info.category(), limits.category(), null), fit(info.query(), limits.query(), null),
                fit(info.title(), limits.title(), null));
    }

    /** Summarizer evaluation input: the parts whole. */
    public long[] forEvaluation(VideoTextInfo info) {
        return join(info.category(), info.query(), info.title());
    }

    /** Self-supervised input: each part a random window (or padded), description included. */
    public long[] forSelfSupervised(VideoTextInfo info, Random random) {
        if (!info.hasDescription()) {
            throw new IllegalArgumentException("text info of video " + info.video()
                    + " has no description, which the self-supervised input needs");
        }
        return join(fit(info.category(), limits.category(), random), fit(info.query(), limits.query(), random),
                fit(info.title(), limits.title(), random), fit(info.description(), limits.description(), random));
    }

    /** Cut to {@code max} (first ids, or a random window when {@code random} is given) or pad with [PAD]. */
    long[] fit(long[] ids, int max, Random random) {
        long[] out = new long[max];
        if (ids.length >= max) {
            int start = random == null ? 0 : random.nextInt(ids.length - max + 1);
            System.arraycopy(ids, start, out, 0, max);
        } else {
            System.arraycopy(ids, 0, out, 0, ids.length);
            java.util.Arrays.fill(out, ids.length, max, padId);
        }
        return out;
    }

    /** [CLS] part [SEP] part [SEP] ... part [SEP]. */
    private long[] join(long[]... parts) {
        int length = 1;
        for (long[] p : parts) {
            length += p.length + 1;
        }
        long[] out = new long[length];
        int at = 0;
        out[at++] = clsId;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
            out[at++] = sepId;
        }
        return out;
    }
}
