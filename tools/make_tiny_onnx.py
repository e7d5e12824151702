#!/usr/bin/env python3
"""Writes core/src/test/resources/sspvs/video/features/tiny-googlenet-like.onnx, a few-hundred-byte stand-in for the
model zoo's GoogLeNet with the same tensor names (input data_0, intermediate pool5/7x7_s1_2, output prob_1):

    data_0 [N,3,8,8] -> Conv 3x3 (4 filters, no padding) -> Relu -> GlobalAveragePool = pool5/7x7_s1_2 [N,4,1,1]
                     -> Flatten -> Gemm (4 -> 2) -> Softmax = prob_1 [N,2]

Weights follow closed formulas (repeated in OnnxFeatureExtractorTest) so the Java test can compute the
expected features itself. Needs Debian's python3-onnx; run: /usr/bin/python3 tools/make_tiny_onnx.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

conv_w = np.zeros((4, 3, 3, 3), dtype=np.float32)
for o in range(4):
    for c in range(3):
        for ky in range(3):
            for kx in range(3):
                conv_w[o, c, ky, kx] = ((o * 27 + c * 9 + ky * 3 + kx) % 7 - 3) / 10.0
conv_b = np.array([(o - 1.5) / 10.0 for o in range(4)], dtype=np.float32)
fc_w = np.array([[0.5, -0.25], [0.125, 0.75], [-0.5, 0.25], [1.0, -1.0]], dtype=np.float32)  # [4, 2]
fc_b = np.array([0.1, -0.1], dtype=np.float32)

nodes = [
    helper.make_node("Conv", ["data_0", "conv_w", "conv_b"], ["conv_out"], kernel_shape=[3, 3], name="conv"),
    helper.make_node("Relu", ["conv_out"], ["relu_out"], name="relu"),
    helper.make_node("GlobalAveragePool", ["relu_out"], ["pool5/7x7_s1_2"], name="pool5/7x7_s1"),
    helper.make_node("Flatten", ["pool5/7x7_s1_2"], ["flat"], axis=1, name="flatten"),
    helper.make_node("Gemm", ["flat", "fc_w", "fc_b"], ["logits"], name="classifier"),
    helper.make_node("Softmax", ["logits"], ["prob_1"], axis=1, name="prob"),
]
graph = helper.make_graph(
    nodes,
    "tiny_googlenet_like",
    [helper.make_tensor_value_info("data_0", TensorProto.FLOAT, ["N", 3, 8, 8])],
    [helper.make_tensor_value_info("prob_1", TensorProto.FLOAT, ["N", 2])],
    initializer=[numpy_helper.from_array(conv_w, "conv_w"), numpy_helper.from_array(conv_b, "conv_b"),
                 numpy_helper.from_array(fc_w, "fc_w"), numpy_helper.from_array(fc_b, "fc_b")],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)], producer_name="sspvs-tools")
model.ir_version = 7
onnx.checker.check_model(model)
out = os.path.join(os.path.dirname(__file__), "..", "core", "src", "test", "resources", "sspvs", "video", "features",
                   "tiny-googlenet-like.onnx")
onnx.save(model, out)
print("wrote", os.path.normpath(out), os.path.getsize(out), "bytes")
