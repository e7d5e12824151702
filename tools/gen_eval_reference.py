#!/usr/bin/env python3
"""Generates src/test/resources/sspvs/eval/eval_reference.json: reference values for the evaluation steps,
computed with numpy/scipy the way the SSPVS reference evaluation computes them (float32 frame scores,
rankdata(-x) before kendalltau/spearmanr, float32 mean per shot, F-score per user combined by avg or max).

Run with Debian's python3 (numpy 1.24, scipy 1.10): /usr/bin/python3 tools/gen_eval_reference.py
"""
import json
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(20260101)
out = {}


def tied_vector(n):
    kind = rng.integers(0, 3)
    if kind == 0:  # few integer levels, like TVSum user scores
        return rng.integers(1, 6, n).astype(np.float32)
    if kind == 1:  # piecewise constant, like upsampled step scores
        steps = rng.random(n // 7 + 1).astype(np.float32)
        return np.repeat(steps, 7)[:n]
    return rng.random(n).astype(np.float32)


cases = []
for t in range(30):
    n = int(rng.integers(3, 200))
    x, y = tied_vector(n), tied_vector(n)
    tau = stats.kendalltau(stats.rankdata(-x), stats.rankdata(-y))[0]
    rho = stats.spearmanr(stats.rankdata(-x), stats.rankdata(-y))[0]
    cases.append({"x": x.tolist(), "y": y.tolist(), "kendall": float(tau), "spearman": float(rho)})
out["correlations"] = cases

means = []
for t in range(12):
    n = int(rng.integers(1, 600))
    steps = rng.random(n // 15 + 1).astype(np.float32)
    a = np.repeat(steps, 15)[:n]
    means.append({"values": a.tolist(), "mean": float(a.mean())})
out["float32_means"] = means


def upsample(scores, n_frames, picks):
    frames = np.zeros(n_frames, dtype=np.float32)
    bounds = list(picks) + ([n_frames] if picks[-1] != n_frames else [])
    for i in range(len(bounds) - 1):
        frames[bounds[i]:bounds[i + 1]] = scores[i] if i < len(scores) else 0
    return frames


ups = []
for t in range(8):
    n_frames = int(rng.integers(20, 200))
    picks = np.arange(int(rng.integers(0, 5)), n_frames, 15)
    n_scores = len(picks) - int(rng.integers(0, 2))  # sometimes one score short
    scores = rng.random(n_scores).astype(np.float32)
    ups.append({"scores": scores.tolist(), "picks": picks.tolist(), "n_frames": n_frames,
                "frames": upsample(scores, n_frames, picks).tolist()})
out["upsample"] = ups


def f_scores(machine, users, metric):
    machine = machine.astype(np.float32)
    users = users.astype(np.float32)
    machine[machine > 0] = 1
    users[users > 0] = 1
    n = users.shape[1]
    if len(machine) > n:
        machine = machine[:n]
    elif len(machine) < n:
        machine = np.concatenate([machine, np.zeros(n - len(machine))])
    fs, ps, rs = [], [], []
    for u in users:
        overlap = (machine * u).sum()
        p = overlap / (machine.sum() + 1e-8)
        r = overlap / (u.sum() + 1e-8)
        fs.append(0.0 if p == 0 and r == 0 else 2 * p * r / (p + r))
        ps.append(p)
        rs.append(r)
    if metric == "avg":
        return float(np.mean(fs)), float(np.mean(ps)), float(np.mean(rs))
    i = int(np.argmax(fs))
    return float(fs[i]), float(ps[i]), float(rs[i])


fsc = []
for t in range(12):
    n = int(rng.integers(10, 120))
    m_len = n + int(rng.integers(-5, 6))
    machine = (rng.random(m_len) < 0.2).astype(np.float32)
    users = (rng.random((int(rng.integers(1, 6)), n)) < rng.random()).astype(np.float32)
    metric = "avg" if t % 2 == 0 else "max"
    f, p, r = f_scores(machine, users, metric)
    fsc.append({"machine": machine.astype(int).tolist(), "users": users.astype(int).tolist(), "metric": metric,
                "f_score": f, "precision": p, "recall": r})
out["f_scores"] = fsc

path = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "sspvs", "eval",
                    "eval_reference.json")
with open(path, "w") as fh:
    json.dump(out, fh, separators=(",", ":"))
print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")
