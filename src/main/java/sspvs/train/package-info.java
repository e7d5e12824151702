/**
 * Training of the progressive summarizer as the reference does it: random crops (or zero padding) to
 * {@code max_video} steps, batches in list order, MSE to per-sample min-max normalised gtscore, torch's Adam,
 * a multi-step learning-rate schedule stepped per epoch, and a listener called at each epoch's end (where the
 * evaluation is wired in). Checkpoints go through the {@link sspvs.train.CheckpointStore} seam.
 */
package sspvs.train;
