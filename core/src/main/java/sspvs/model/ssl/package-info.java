/**
 * The multimodal self-supervised pre-training model of SSPVS ({@link sspvs.model.ssl.SelfSupervisedModel}): a
 * video encoder that learns from masked-frame prediction, coarse video–text matching and fine frame–word
 * (Hausdorff) alignment, with a BERT text encoder ({@link sspvs.model.TextEncoderChoice}). Parameters carry
 * the reference's state_dict names, so its checkpoint starts the {@link sspvs.model.ProgressiveSummarizer} through
 * a non-strict load (encoder layers and class token match; score heads start fresh).
 *
 * <p>Life-cycle: construct from an {@link sspvs.model.ssl.SslModelSpec} and a text-encoder choice (weights
 * torch-initialised under a seed, MiniLM weights loaded if chosen); train with {@link sspvs.train.SslTrainer}
 * (loss {@link sspvs.train.SslLoss}); save {@link sspvs.model.ssl.SelfSupervisedModel#stateDict()} with
 * {@link sspvs.model.io.TorchCheckpoint#write}; {@code close()} frees native memory.
 *
 * <p>May use: what {@code sspvs.model} may use, and {@code model}, {@code model.io}. Never {@code train}, the media
 * packages or {@code cli} (checked by {@code LayeringTest}).
 */
package sspvs.model.ssl;
