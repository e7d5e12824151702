#!/usr/bin/env python3
"""Writes the numerical-parity fixture for sspvs.model.ProgressiveSummarizer.

Builds the progressive summarizer (class token, sinusoidal positions, shared post-norm
torch.nn.TransformerEncoder, one Dropout->Linear->Sigmoid head per stage, x = x*s + x re-weighting,
final score = product of stage scores) from torch.nn primitives at a SMALL size, with a fixed seed,
and saves weights, input, outputs, the MSE loss against per-sample min-max normalised gtscore, every
gradient and the parameters after two Adam steps.

Output: src/test/resources/sspvs/model/parity.json (index: name -> shape, offset in floats) and
parity.bin (little-endian float32, concatenated). Run with Debian's python3-torch:
    /usr/bin/python3 tools/make_model_fixture.py
Tests never run this script; they read the committed fixture.
"""
import json
import math
import os
import struct

import torch
import torch.nn as nn

D, HEADS, FFN, LAYERS, STAGES, T, B = 16, 2, 32, 2, 3, 7, 2
POS_WEIGHT = 0.1
LR = 1e-3
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "sspvs", "model")


def sinusoid_table(d, max_len=5000):
    position = torch.arange(max_len).unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
    table = torch.zeros(max_len, d)
    table[:, 0::2] = torch.sin(position * div)
    table[:, 1::2] = torch.cos(position * div)
    return table


class Summarizer(nn.Module):
    """Parameter names follow the reference's video model, so the fixture keys are torch's names."""

    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(D, HEADS, FFN, 0.1)
        self.transformer_encoder = nn.TransformerEncoder(layer, LAYERS)
        self.score_predict = nn.ModuleList(
            [nn.Sequential(nn.Dropout(0.1), nn.Linear(D, 1), nn.Sigmoid()) for _ in range(STAGES)])
        self.v_cls = nn.Embedding(1, D)
        self.register_buffer("pe", sinusoid_table(D))
        self.pe_dropout = nn.Dropout(0.1)

    def forward(self, x):  # x: [B, T, D]
        seq = x.transpose(0, 1)  # [T, B, D], torch's default layout
        stages = []
        for head in self.score_predict:
            cls = self.v_cls.weight.unsqueeze(1).expand(-1, seq.size(1), -1)
            with_cls = torch.cat([cls, seq], 0)
            src = self.pe_dropout(with_cls + self.pe[: with_cls.size(0)].unsqueeze(1) * POS_WEIGHT)
            h = self.transformer_encoder(src)[1:] + seq
            s = head(h)  # [T, B, 1]
            stages.append(s)
            seq = seq * s + seq
        final = stages[0]
        for s in stages[1:]:
            final = final * s
        return final.transpose(0, 1).squeeze(2), [s.transpose(0, 1).squeeze(2) for s in stages]


def normalise(gt):
    gt = gt - gt.min(dim=1, keepdim=True)[0]
    return gt / gt.max(dim=1, keepdim=True)[0]


def main():
    torch.manual_seed(20230107)
    model = Summarizer()
    # The default init makes identical layer copies; perturb every parameter so a name mix-up shows.
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    model.eval()  # dropout off: the fixture pins the deterministic maths

    x = torch.randn(B, T, D)
    gt = torch.rand(B, T) * 4 + 1
    # sample 1 is zero-padded like a short video in training: padded steps are attended and the
    # min-max normalisation sees the zeros
    x[1, 5:] = 0
    gt[1, 5:] = 0

    entries = {}
    names = [n for n, _ in model.named_parameters()]
    for n, p in model.named_parameters():
        entries["param/" + n] = p.detach().clone()
    entries["input"] = x
    entries["gtscore"] = gt
    entries["target"] = normalise(gt)

    score, stages = model(x)
    loss = nn.MSELoss()(score, normalise(gt))
    entries["score"] = score.detach()
    for i, s in enumerate(stages):
        entries["stage/%d" % i] = s.detach()
    entries["loss"] = loss.detach().reshape(1)
    loss.backward()
    for n, p in model.named_parameters():
        entries["grad/" + n] = p.grad.detach().clone()

    # two Adam steps (the first step's gradients are the ones above)
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    opt.step()
    opt.zero_grad()
    score2, _ = model(x)
    loss2 = nn.MSELoss()(score2, normalise(gt))
    loss2.backward()
    opt.step()
    entries["loss_step2"] = loss2.detach().reshape(1)
    for n, p in model.named_parameters():
        entries["adam2/" + n] = p.detach().clone()

    # rows of the full-size (d 1024) positional table, to pin float32 rounding at far positions
    big = sinusoid_table(1024)
    for row in (0, 1, 100, 4999):
        entries["pe1024/%d" % row] = big[row]

    index = {"config": {"d": D, "heads": HEADS, "ffn": FFN, "layers": LAYERS, "stages": STAGES,
                        "steps": T, "batch": B, "pos_enc_weight": POS_WEIGHT, "adam_lr": LR,
                        "torch": torch.__version__},
             "parameters": names, "arrays": {}}
    blob = bytearray()
    for name, t in entries.items():
        flat = t.detach().contiguous().view(-1).tolist()
        index["arrays"][name] = {"shape": list(t.shape), "offset": len(blob) // 4}
        blob += struct.pack("<%df" % len(flat), *flat)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "parity.bin"), "wb") as f:
        f.write(blob)
    with open(os.path.join(OUT, "parity.json"), "w") as f:
        json.dump(index, f, indent=1)
    print("wrote %d arrays, %d bytes; loss %.7f" % (len(entries), len(blob), loss.item()))


if __name__ == "__main__":
    main()
