/**
 * The progressive video summarizer (SSPVS): a class token, sinusoidal positions, one shared post-norm Transformer
 * encoder applied {@code iter} times, one score head per stage, and the re-weighting {@code x = x·s + x} between
 * stages. Built from plain tensor operations (DJL, PyTorch engine) so every parameter carries the reference's
 * torch state_dict name and the maths equals {@code torch.nn.TransformerEncoderLayer} (checked against a torch
 * fixture in the tests).
 *
 * <p>Life-cycle: construct with a {@link sspvs.model.SummarizerSpec} and a seed (torch-style initialisation), or
 * {@link sspvs.model.ProgressiveSummarizer#loadParameters load} trained weights; run
 * {@link sspvs.model.ProgressiveSummarizer#forward forward} inside a gradient collector to train, or
 * {@link sspvs.model.ProgressiveSummarizer#predict predict} one full-length video; {@code close()} frees the native
 * memory.
 *
 * <p>Text guidance (the {@code _tg} configs): built with a {@link sspvs.model.TextEncoderChoice}, the summarizer
 * also owns a BERT text encoder and the projection {@code project_t_v}, whose output is added at stage 0
 * ({@link sspvs.model.ProgressiveSummarizer#forwardWithText}, {@link sspvs.model.ProgressiveSummarizer#predictWithText});
 * their tensors share the one torch-named parameter map.
 *
 * <p>May use: {@code sspvs} (UserException), {@code io}, {@code stats}, {@code onnx}, {@code config}, {@code tensor},
 * {@code knapsack}, {@code text}, {@code data}, {@code eval}, {@code report}, and its subpackages {@code model.io} and
 * {@code model.ssl}. Never {@code train}, the media packages or {@code cli} (checked by {@code LayeringTest}).
 */
package sspvs.model;
