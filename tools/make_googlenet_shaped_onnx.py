#!/usr/bin/env python3
"""Writes an ONNX file with the architecture of BVLC GoogLeNet (Szegedy et al., "Going deeper with
convolutions", CVPR 2015; the Caffe model the ONNX model zoo's googlenet-12.onnx was converted from) and
RANDOM weights, with the zoo file's tensor names: input data_0 [N,3,224,224], intermediate pool5/7x7_s1_2
[N,1024,1,1] (not a graph output, as in the zoo file), output prob_1 [N,1000].

Its features are meaningless; it exists to time feature extraction honestly where the real file cannot be
downloaded (no network): it does the same work per frame (about 1.6 G multiply-adds) with the same operators
(Conv, Relu, MaxPool with ceil mode, LRN, Concat, AveragePool, Gemm, Softmax). Not committed (about 28 MB):

    python3 tools/make_googlenet_shaped_onnx.py googlenet-shaped.onnx
    ./sspvs bench summarize --features-model googlenet-shaped.onnx --features-preset googlenet

Needs Debian's python3-torch and python3-onnx.
"""
import sys

import onnx
import torch
from torch import nn


class Inception(nn.Module):
    """Four branches concatenated: 1x1; 1x1 -> 3x3; 1x1 -> 5x5; 3x3 max pool -> 1x1."""

    def __init__(self, cin, c1, c3r, c3, c5r, c5, pool_proj):
        super().__init__()
        self.b1 = nn.Sequential(nn.Conv2d(cin, c1, 1), nn.ReLU())
        self.b3 = nn.Sequential(nn.Conv2d(cin, c3r, 1), nn.ReLU(), nn.Conv2d(c3r, c3, 3, padding=1), nn.ReLU())
        self.b5 = nn.Sequential(nn.Conv2d(cin, c5r, 1), nn.ReLU(), nn.Conv2d(c5r, c5, 5, padding=2), nn.ReLU())
        self.bp = nn.Sequential(nn.MaxPool2d(3, 1, padding=1), nn.Conv2d(cin, pool_proj, 1), nn.ReLU())

    def forward(self, x):
        return torch.cat([self.b1(x), self.b3(x), self.b5(x), self.bp(x)], 1)


class GoogLeNetShaped(nn.Module):
    def __init__(self):
        super().__init__()
        lrn = lambda: nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75)  # noqa: E731 (Caffe's LRN settings)
        pool = lambda: nn.MaxPool2d(3, 2, ceil_mode=True)  # noqa: E731
        self.stem = nn.Sequential(
            nn.Conv2d(3, 64, 7, stride=2, padding=3), nn.ReLU(), pool(), lrn(),
            nn.Conv2d(64, 64, 1), nn.ReLU(), nn.Conv2d(64, 192, 3, padding=1), nn.ReLU(), lrn(), pool())
        self.body = nn.Sequential(
            Inception(192, 64, 96, 128, 16, 32, 32), Inception(256, 128, 128, 192, 32, 96, 64), pool(),
            Inception(480, 192, 96, 208, 16, 48, 64), Inception(512, 160, 112, 224, 24, 64, 64),
            Inception(512, 128, 128, 256, 24, 64, 64), Inception(512, 112, 144, 288, 32, 64, 64),
            Inception(528, 256, 160, 320, 32, 128, 128), pool(),
            Inception(832, 256, 160, 320, 32, 128, 128), Inception(832, 384, 192, 384, 48, 128, 128))
        self.pool5 = nn.AvgPool2d(7, 1)
        self.classifier = nn.Linear(1024, 1000)

    def forward(self, x):
        pool5 = self.pool5(self.body(self.stem(x)))
        return torch.softmax(self.classifier(torch.flatten(pool5, 1)), 1), pool5


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_googlenet_shaped_onnx.py OUT.onnx")
    out = sys.argv[1]
    torch.manual_seed(0)
    model = GoogLeNetShaped().eval()
    torch.onnx.export(model, torch.zeros(1, 3, 224, 224), out, input_names=["data_0"],
                      output_names=["prob_1", "pool5/7x7_s1_2"], opset_version=12,
                      dynamic_axes={"data_0": {0: "N"}, "prob_1": {0: "N"}, "pool5/7x7_s1_2": {0: "N"}})
    m = onnx.load(out)
    keep = [o for o in m.graph.output if o.name == "prob_1"]  # the zoo file exposes only the class scores
    del m.graph.output[:]
    m.graph.output.extend(keep)
    onnx.checker.check_model(m)
    onnx.save(m, out)
    print("wrote", out, sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()
