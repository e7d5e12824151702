/**
 * Training of the progressive summarizer as the reference does it: random crops (or zero padding) to
 * {@code max_video} steps, batches in list order, MSE to per-sample min-max normalised gtscore, torch's Adam,
 * a multi-step learning-rate schedule stepped per epoch, and a listener called at each epoch's end
 * ({@link sspvs.train.Trainer}); self-supervised pre-training ({@link sspvs.train.SslTrainer},
 * {@link sspvs.train.PretrainOutputs}).
 *
 * <p>{@link sspvs.train.ExperimentRunner} runs a whole config on top of it, in parts: per-split training with
 * per-epoch evaluation, epoch selection and exact resume ({@code SplitTraining}, {@link sspvs.train.TrainingState}),
 * the results folder's file names, candidates and atomic moves ({@link sspvs.train.ResultsFolder}), the text side of
 * text-guided configs ({@code TextGuidance}), the starting weights ({@code PretrainedWeights}), the chosen checkpoints
 * as PyTorch {@code .ckpt} files ({@link sspvs.train.TorchCheckpointStore}), {@code metrics.csv}, and
 * {@code records.csv} and {@code run.json} through {@link sspvs.report}.
 *
 * <p>Checkpoint classes, one job each: {@link sspvs.train.TorchCheckpointStore} writes the chosen models (and reads
 * back only those, strictly); {@link sspvs.train.TrainingState} is the per-split resume state (model, optimiser,
 * epoch); {@code sspvs.model.SummarizerCheckpoints} loads a model for prediction from ours or the reference's files;
 * {@code sspvs.model.io.TorchCheckpoint} is the bytes of the {@code torch.save} zip format beneath them all.
 *
 * <p>May use: {@code sspvs} (UserException), {@code io}, {@code config}, {@code data}, {@code eval},
 * {@code tensor}, {@code model} (+ {@code .io}, {@code .ssl}), {@code text}, {@code report}. Never the media
 * packages ({@code video}, {@code shots}, {@code summarize}) nor {@code cli}: training must not depend on
 * JavaCV/FFmpeg.
 */
package sspvs.train;
