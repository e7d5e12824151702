#!/usr/bin/env python3
"""Writes the torch parity fixture for the text path of sspvs.model.ProgressiveSummarizer (text guidance).

The summarizer of make_model_fixture.py (d 16, 2 heads, FFN 32, 2 layers, 3 stages) plus the text projection
project_t_v = Linear(H, H) -> ReLU -> Linear(H, d) at H = 8. The pooled BERT vector [B, H] is a random input here
(the BERT encoder itself has its own parity test), projected, and added to every step of stage 0 only, after
the encoder's residual and before the score head. Saves weights, inputs, eval-mode scores, the MSE loss against
min-max normalised gtscore and the gradients of every parameter.

Output: src/test/resources/sspvs/model/parity_text.json + parity_text.bin (same layout as parity.json/.bin).
Run with Debian's python3-torch:  /usr/bin/python3 tools/make_text_guide_fixture.py
Tests never run this script; they read the committed fixture.
"""
import json
import os
import struct

import torch
import torch.nn as nn

import make_model_fixture as base

H = 8
OUT = base.OUT


class TextGuidedSummarizer(base.Summarizer):
    def __init__(self):
        super().__init__()
        self.project_t_v = nn.Sequential(nn.Linear(H, H), nn.ReLU(), nn.Linear(H, base.D))

    def forward(self, x, pooled):  # x: [B, T, D], pooled: [B, H]
        seq = x.transpose(0, 1)
        guide = self.project_t_v(pooled).unsqueeze(0)  # [1, B, D], broadcast over steps
        stages = []
        for i, head in enumerate(self.score_predict):
            cls = self.v_cls.weight.unsqueeze(1).expand(-1, seq.size(1), -1)
            with_cls = torch.cat([cls, seq], 0)
            src = self.pe_dropout(with_cls + self.pe[: with_cls.size(0)].unsqueeze(1) * base.POS_WEIGHT)
            h = self.transformer_encoder(src)[1:] + seq
            if i == 0:
                h = h + guide
            s = head(h)
            stages.append(s)
            seq = seq * s + seq
        final = stages[0]
        for s in stages[1:]:
            final = final * s
        return final.transpose(0, 1).squeeze(2), [s.transpose(0, 1).squeeze(2) for s in stages]


def main():
    torch.manual_seed(20260126)
    model = TextGuidedSummarizer()
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.05)
    model.eval()

    x = torch.randn(base.B, base.T, base.D)
    pooled = torch.tanh(torch.randn(base.B, H))
    gt = torch.rand(base.B, base.T) * 4 + 1

    entries = {}
    names = [n for n, _ in model.named_parameters()]
    for n, p in model.named_parameters():
        entries["param/" + n] = p.detach().clone()
    entries["input"] = x
    entries["pooled"] = pooled
    entries["gtscore"] = gt
    entries["guide"] = model.project_t_v(pooled).detach()

    score, stages = model(x, pooled)
    loss = nn.MSELoss()(score, base.normalise(gt))
    entries["score"] = score.detach()
    for i, s in enumerate(stages):
        entries["stage/%d" % i] = s.detach()
    entries["loss"] = loss.detach().reshape(1)
    loss.backward()
    for n, p in model.named_parameters():
        entries["grad/" + n] = p.grad.detach().clone()
    with torch.no_grad():
        entries["score_without_text"] = super(TextGuidedSummarizer, model).forward(x)[0]

    index = {"config": {"d": base.D, "heads": base.HEADS, "ffn": base.FFN, "layers": base.LAYERS,
                        "stages": base.STAGES, "steps": base.T, "batch": base.B, "text_hidden": H,
                        "pos_enc_weight": base.POS_WEIGHT, "torch": torch.__version__},
             "parameters": names, "arrays": {}}
    blob = bytearray()
    for name, t in entries.items():
        flat = t.detach().contiguous().view(-1).tolist()
        index["arrays"][name] = {"shape": list(t.shape), "offset": len(blob) // 4}
        blob += struct.pack("<%df" % len(flat), *flat)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "parity_text.bin"), "wb") as f:
        f.write(blob)
    with open(os.path.join(OUT, "parity_text.json"), "w") as f:
        json.dump(index, f, indent=1)
    print("wrote %d arrays, %d bytes; loss %.7f" % (len(entries), len(blob), loss.item()))


if __name__ == "__main__":
    main()
