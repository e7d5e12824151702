package sspvs.text;

/**
 * Which parts of the BERT text encoder learn. The reference has two policies, both switched by its
 * {@code text_trainable} flag:
 * <ul>
 *   <li>summarizer ({@code models/sspvs.py}): embeddings and encoder are always frozen; the pooler
 *       learns when {@code text_trainable} ({@link #POOLER_ONLY}), else nothing does ({@link #FROZEN});</li>
 *   <li>self-supervised pre-training ({@code ssl/models/ssl_model.py}): everything learns when
 *       {@code text_trainable} ({@link #ALL}), else nothing does ({@link #FROZEN}).</li>
 * </ul>
 * Frozen parts still apply dropout in training mode, as in the reference (its BERT modules stay in
 * train mode).
 */
public enum TextTraining {
    FROZEN,
    POOLER_ONLY,
    ALL;

    /** The summarizer's policy for the reference's {@code text_trainable} flag. */
    public static TextTraining forSummarizer(boolean textTrainable) {
        return textTrainable ? POOLER_ONLY : FROZEN;
    }

    /** The self-supervised model's policy for the reference's {@code text_trainable} flag. */
    public static TextTraining forSelfSupervised(boolean textTrainable) {
        return textTrainable ? ALL : FROZEN;
    }

    boolean poolerLearns() {
        return this != FROZEN;
    }

    boolean encoderLearns() {
        return this == ALL;
    }
}
