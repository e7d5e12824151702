/**
 * Reading and writing PyTorch checkpoint files ({@code torch.save} zip archives) in pure Java.
 *
 * <p>{@link sspvs.model.io.TorchCheckpoint} reads the authors' PyTorch Lightning {@code .ckpt} files and plain
 * {@code torch.save(model.state_dict())} files into a {@link sspvs.model.io.StateDict} of plain float arrays, and
 * writes our own weights back in a form {@code torch.load} accepts (even with {@code weights_only=True}).
 * {@link sspvs.model.io.NonStrictLoad} then matches a checkpoint's tensors to the parameters a model expects,
 * the way Lightning's {@code load_from_checkpoint(..., strict=False)} does. Nothing here depends on DJL: models
 * copy the arrays into their own parameters.
 *
 * <p>May use: {@code sspvs} (UserException), {@code io}, and the layers below {@code model} (see {@code sspvs.model}).
 * Never {@code train}, the media packages or {@code cli} (checked by {@code LayeringTest}).
 */
package sspvs.model.io;
