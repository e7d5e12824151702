/**
 * The text side of SSPVS: a trainable BERT text encoder in DJL whose parameters carry the torch names
 * of the reference's checkpoint ({@link sspvs.text.BertTextEncoder}, sized by
 * {@link sspvs.text.BertConfig}), pretrained weights from the all-MiniLM-L6-v2 ONNX file shipped on
 * the class path ({@link sspvs.text.OnnxBertWeights}), offline WordPiece tokenisation
 * ({@link sspvs.text.TextTokenizer}), the per-video token files ({@link sspvs.text.VideoTextInfo},
 * {@link sspvs.text.VideoTextInfoWriter}, {@link sspvs.text.TvSumText}) and the reference's way of
 * joining them into one input ({@link sspvs.text.TextInputBuilder}).
 *
 * <p>Substitution, stated plainly: the reference uses bert-base-uncased (768 wide, 12 layers); offline we
 * ship all-MiniLM-L6-v2 (384 wide, 6 layers, same vocabulary and tokenizer). Its ONNX export has no
 * pooler, so the pooler starts from a seeded initialisation. A bert-base checkpoint can be loaded into a
 * {@link sspvs.text.BertConfig#bertBase()} encoder by name.
 *
 * <p>May use: {@code sspvs} (UserException), {@code io}, {@code onnx}, {@code tensor}. Never {@code data} or anything above
 * it: the data package reads token files through this one (checked by {@code LayeringTest}).
 */
package sspvs.text;
