#!/usr/bin/env python3
"""Writes the numerical-parity fixture for sspvs.model.ssl.SelfSupervisedModel and sspvs.train.SslLoss.

Builds the VIDEO side of the SSPVS self-supervised model from torch.nn primitives at a SMALL size, following the
paper's description (not the authors' code): mask token in place of the masked frame; class token, sinusoidal
positions, post-norm TransformerEncoder; masked-frame prediction p0*interp + p1*dec (interp: a one-layer encoder
over the window of masked-input frames around the mask, zero beyond the ends, centre output through
Linear+ReLU; dec: Linear+ReLU of the encoded masked position; (p0, p1) = softmax of an MLP of it); match
probability = sigmoid(MLP([pooled text, tanh(Linear(encoded class token))])); words projected by an MLP; loss =
BCE + 5 MSE + mean(y hd^2 + (1-y) relu(1.414 - hd)^2) with hd the Hausdorff distance between L2-normalised
encoded frames (class row included) and projected words.

The text encoder is left out: its outputs (word vectors, pooled vector) are random inputs here, so the fixture
checks everything downstream of BERT. Eval mode (no dropout). Saves weights (perturbed from torch's defaults so
that every tensor is distinct), inputs, outputs, loss terms and the gradient of the total loss for every weight.

Output: src/test/resources/sspvs/model/ssl/ssl_parity.json (index: name -> shape, offset in floats) and
ssl_parity.bin (little-endian float32). Run with Debian's python3-torch:
    /usr/bin/python3 tools/make_ssl_fixture.py
Tests never run this script; they read the committed fixture.
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

D, HEADS, FFN, LAYERS, WINDOW, T, B, H, L = 16, 2, 32, 2, 5, 9, 3, 8, 6
MASKED = [0, 4, 8]  # both ends and the middle: the window runs off the edges
LABELS = [1.0, 0.0, 1.0]
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "sspvs", "model", "ssl")


def sinusoid_table(d, max_len=5000):
    position = torch.arange(max_len).unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
    table = torch.zeros(max_len, d)
    table[:, 0::2] = torch.sin(position * div)
    table[:, 1::2] = torch.cos(position * div)
    return table


def encoder(layers):
    return nn.TransformerEncoder(nn.TransformerEncoderLayer(D, HEADS, FFN, 0.1), layers)


class VideoSide(nn.Module):
    """Module names = the reference state_dict's names for these parts."""

    def __init__(self):
        super().__init__()
        self.v_cls = nn.Embedding(1, D)
        self.v_mask = nn.Embedding(1, D)
        self.transformer_encoder_naive = encoder(1)
        self.transformer_encoder = encoder(LAYERS)
        self.prob_dist = nn.Sequential(nn.Linear(D, D // 2), nn.ReLU(), nn.Linear(D // 2, 2))
        self.video_decoder = nn.Sequential(nn.Linear(D, D), nn.ReLU())
        self.video_decoder_naive = nn.Sequential(nn.Linear(D, D), nn.ReLU())
        self.vid_cls_decoder = nn.Linear(D, D)
        self.project_t_v = nn.Sequential(nn.Linear(H, H), nn.ReLU(), nn.Linear(H, D))
        self.classifier = nn.Sequential(nn.Linear(H + D, D), nn.ReLU(), nn.Dropout(0.1), nn.Linear(D, D // 2),
                                        nn.ReLU(), nn.Dropout(0.1), nn.Linear(D // 2, 1), nn.Sigmoid())
        self.register_buffer("pe", sinusoid_table(D))

    def forward(self, x, masked, words, pooled):  # x [B, T, D] batch first; torch encoders take [L, B, D]
        b = x.size(0)
        r = WINDOW // 2
        xm = x.clone()
        for i, p in enumerate(masked):
            xm[i, p] = self.v_mask.weight[0]
        seq = torch.cat([self.v_cls.weight.expand(b, 1, D), xm], 1)
        seq = seq + self.pe[: seq.size(1)]
        encoded = self.transformer_encoder(seq.transpose(0, 1)).transpose(0, 1)  # [B, T+1, D]
        padded = F.pad(xm, (0, 0, r, r))  # zeros beyond the ends
        window = torch.stack([padded[i, p: p + WINDOW] for i, p in enumerate(masked)])  # [B, W, D]
        window = window + self.pe[:WINDOW]
        centre = self.transformer_encoder_naive(window.transpose(0, 1))[r]  # [B, D]
        interp = self.video_decoder_naive(centre)
        at_mask = torch.stack([encoded[i, p + 1] for i, p in enumerate(masked)])
        dec = self.video_decoder(at_mask)
        mix = self.prob_dist(at_mask).softmax(1)
        predicted = interp * mix[:, 0:1] + dec * mix[:, 1:2]
        cls_vec = self.vid_cls_decoder(encoded[:, 0]).tanh()
        prob = self.classifier(torch.cat([pooled, cls_vec], 1)).squeeze(1)
        projected = self.project_t_v(words)
        return predicted, prob, encoded, projected


def hausdorff(x, y):  # [B, Lx, D], [B, Ly, D] -> [B]
    x = F.normalize(x, dim=2)
    y = F.normalize(y, dim=2)
    dist = (x.unsqueeze(2) - y.unsqueeze(1)).pow(2).sum(3).sqrt()  # [B, Lx, Ly]
    return torch.max(dist.min(2)[0].max(1)[0], dist.min(1)[0].max(1)[0])


def main():
    torch.manual_seed(7)
    model = VideoSide().eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.add_(0.05 * torch.randn_like(p))  # LayerNorms off 1/0, biases off 0: every tensor distinct
    x = torch.randn(B, T, D).abs()
    words = torch.randn(B, L, H)
    pooled = torch.randn(B, H).tanh()
    target = torch.stack([x[i, p] for i, p in enumerate(MASKED)])
    labels = torch.tensor(LABELS)
    predicted, prob, encoded, projected = model(x, MASKED, words, pooled)
    hd = hausdorff(encoded, projected)
    bce = F.binary_cross_entropy(prob, labels)
    mse = F.mse_loss(predicted, target)
    contrast = (labels * hd ** 2 + (1 - labels) * (1.414 - hd).relu() ** 2).mean()
    total = bce + 5 * mse + 1 * contrast
    total.backward()

    arrays = {}
    for name, p in model.named_parameters():
        arrays["param/" + name] = p.detach()
        arrays["grad/" + name] = p.grad.detach()
    for name, t in [("input/features", x), ("input/words", words), ("input/pooled", pooled),
                    ("out/predicted", predicted), ("out/logit", torch.logit(prob.double()).float()),
                    ("out/encoded", encoded), ("out/projected", projected), ("out/hausdorff", hd),
                    ("loss/bce", bce), ("loss/mse", mse), ("loss/contrast", contrast), ("loss/total", total)]:
        arrays[name] = t.detach()
    index = {"config": {"d": D, "heads": HEADS, "ffn": FFN, "layers": LAYERS, "window": WINDOW, "t": T, "b": B,
                        "h": H, "l": L, "masked": MASKED, "labels": LABELS, "torch": torch.__version__},
             "parameters": [n for n, _ in model.named_parameters()], "arrays": {}}
    blob = bytearray()
    offset = 0
    for name, t in arrays.items():
        flat = t.reshape(-1).tolist()
        index["arrays"][name] = {"shape": list(t.shape), "offset": offset}
        blob += struct.pack("<%df" % len(flat), *flat)
        offset += len(flat)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "ssl_parity.json"), "w") as f:
        json.dump(index, f, indent=1)
    with open(os.path.join(OUT, "ssl_parity.bin"), "wb") as f:
        f.write(blob)
    print("wrote %d arrays, %d floats; total loss %.6f" % (len(arrays), offset, total.item()))


if __name__ == "__main__":
    main()
