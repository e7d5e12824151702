/**
 * ONNX model files read without a protobuf library: {@link sspvs.onnx.OnnxModelFile} (initialisers, nodes,
 * declared outputs; exposing an intermediate tensor as an output) on {@link sspvs.onnx.ProtobufReader}. Used by the
 * text encoder (MiniLM weights) and the image feature extractor (GoogLeNet pool5) alike.
 *
 * <p>May use {@code sspvs} (UserException) only.
 */
package sspvs.onnx;
