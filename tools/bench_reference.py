#!/usr/bin/env python3
"""Times the progressive summarizer in Python PyTorch, the counterpart of `sspvs bench model`.

Same sizes and table: a training step (forward with dropout, MSE to min-max normalised targets, backward,
Adam) on random data, batch-1 inference without gradients, and one n x n matrix product; medians after
warm-up; FLOPs counted as in sspvs.model.ModelFlops. The model is built from torch.nn primitives (class token,
sin/cos positions x0.1, a shared post-norm TransformerEncoder applied once per stage, one
Dropout->Linear->Sigmoid head per stage, x = x*s + x, product of stage scores).

    /usr/bin/python3 tools/bench_reference.py [--threads 2] [--repeats 3] ...

Debian's python3-torch uses the system BLAS: with only the reference BLAS (libblas3) a 1024^2 product takes ~1 s
instead of ~0.1 s. Install libopenblas0-pthread first (docs/memory.md, "Speed: side by side with PyTorch").
"""
import argparse
import math
import statistics
import time

import torch
import torch.nn as nn


class Summarizer(nn.Module):
    def __init__(self, d, heads, ffn, layers, stages, dropout=0.1):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d, heads, ffn, dropout)
        self.transformer_encoder = nn.TransformerEncoder(layer, layers)
        self.score_predict = nn.ModuleList(
            [nn.Sequential(nn.Dropout(dropout), nn.Linear(d, 1), nn.Sigmoid()) for _ in range(stages)])
        self.v_cls = nn.Embedding(1, d)
        position = torch.arange(5000).unsqueeze(1)
        div = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
        pe = torch.zeros(5000, 1, d)
        pe[:, 0, 0::2] = torch.sin(position * div)
        pe[:, 0, 1::2] = torch.cos(position * div)
        self.register_buffer("pe", pe)
        self.pe_dropout = nn.Dropout(dropout)

    def forward(self, x):  # [B, T, d]
        seq = x.transpose(0, 1)
        final = None
        for head in self.score_predict:
            cls = self.v_cls.weight.unsqueeze(1).expand(-1, seq.size(1), -1)
            src = torch.cat([cls, seq], 0)
            src = self.pe_dropout(src + self.pe[: src.size(0)] * 0.1)
            s = head(self.transformer_encoder(src)[1:] + seq)
            seq = seq * s + seq
            final = s if final is None else final * s
        return final.transpose(0, 1).squeeze(2)


def flops_forward(d, ffn, layers, stages, batch, steps):
    l = steps + 1.0
    per_layer = 2 * l * d * 3 * d + 2 * l * l * d + 2 * l * l * d + 2 * l * d * d + 2 * 2 * l * d * ffn
    return batch * stages * (layers * per_layer + 2 * steps * d)


def median_ms(work, warmup, repeats):
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        work()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--steps", type=int, default=512)
    p.add_argument("--dim", type=int, default=1024)
    p.add_argument("--heads", type=int, default=8)
    p.add_argument("--ffn", type=int, default=4096)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--stages", type=int, default=4)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--matmul", type=int, default=2048)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = Summarizer(a.dim, a.heads, a.ffn, a.layers, a.stages)
    opt = torch.optim.Adam(model.parameters(), lr=1e-5)
    x = torch.randn(a.batch, a.steps, a.dim)
    gt = torch.rand(a.batch, a.steps)
    gt = gt - gt.min(dim=1, keepdim=True)[0]
    gt = gt / gt.max(dim=1, keepdim=True)[0]
    video = torch.randn(1, a.steps, a.dim)

    def train_step():
        model.train()
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), gt)
        loss.backward()
        opt.step()
        return loss.item()

    def infer():
        model.eval()
        with torch.no_grad():
            return model(video).numpy()

    ma = torch.randn(a.matmul, a.matmul)
    mb = torch.randn(a.matmul, a.matmul)
    train_ms = median_ms(train_step, a.warmup, a.repeats)
    infer_ms = median_ms(infer, a.warmup, a.repeats)
    matmul_ms = median_ms(lambda: (ma @ mb)[0, 0].item(), a.warmup, a.repeats)
    train_flops = 3 * flops_forward(a.dim, a.ffn, a.layers, a.stages, a.batch, a.steps)
    infer_flops = flops_forward(a.dim, a.ffn, a.layers, a.stages, 1, a.steps)
    matmul_flops = 2.0 * a.matmul ** 3
    print("python torch %s: d %d, %d heads, FFN %d, %d layers, %d stages, %d threads, median of %d after %d warm-up"
          % (torch.__version__, a.dim, a.heads, a.ffn, a.layers, a.stages, torch.get_num_threads(), a.repeats,
             a.warmup))
    fmt = "%-28s %12s %10s %10s %10s"
    print(fmt % ("what", "ms (median)", "ms (best)", "GFLOP", "GFLOP/s"))
    for what, (ms, best), fl in (("training step (B %d, T %d)" % (a.batch, a.steps), train_ms, train_flops),
                         ("inference (B 1, T %d)" % a.steps, infer_ms, infer_flops),
                         ("matmul %dx%d" % (a.matmul, a.matmul), matmul_ms, matmul_flops)):
        print(fmt % (what, "%.1f" % ms, "%.1f" % best, "%.1f" % (fl / 1e9), "%.1f" % (fl / 1e9 / (ms / 1e3))))
    print("GFLOP/s from the median; FLOPs: matrix products only, training = 3 x forward")
    print("training step reaches %.0f%% of the matmul rate"
          % (100 * (train_flops / train_ms[0]) / (matmul_flops / matmul_ms[0])))


if __name__ == "__main__":
    main()
