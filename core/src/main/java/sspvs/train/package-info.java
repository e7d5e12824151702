/**
 * Training of the progressive summarizer as the reference does it: random crops (or zero padding) to
 * {@code max_video} steps, batches in list order, MSE to per-sample min-max normalised gtscore, torch's Adam,
 * a multi-step learning-rate schedule stepped per epoch, and a listener called at each epoch's end
 * ({@link sspvs.train.Trainer}). {@link sspvs.train.ExperimentRunner} runs a whole config on top of it — every
 * split, per-epoch evaluation, epoch selection on validation or (the reference's protocol) test videos,
 * resumable training state, the chosen checkpoints as PyTorch {@code .ckpt} files
 * ({@link sspvs.train.TorchCheckpointStore}), {@code metrics.csv}, {@code records.csv} and {@code run.json}.
 */
package sspvs.train;
