#!/usr/bin/env python3
"""Generates src/test/resources/sspvs/eval/eval_parity.json: whole videos run through the reference
evaluation semantics (SSPVS models/summary_module.py, re-written here from its description, not copied),
with the real OR-Tools dynamic-programming knapsack solver, so the Java chain can be compared end to end:
shot values (x1000, truncated), the selected shots, F/P/R (avg and max) and Kendall/Spearman.

Needs numpy/scipy (Debian) and OR-Tools' knapsack module:
  /usr/bin/python3 -m venv --system-site-packages /tmp/ortenv
  /tmp/ortenv/bin/pip install --no-deps ortools==9.12.4544
  /tmp/ortenv/bin/python tools/gen_eval_parity.py
"""
import json
import math
import os

import numpy as np
from ortools.algorithms.python import knapsack_solver
from scipy import stats

rng = np.random.default_rng(424242)
solver = knapsack_solver.KnapsackSolver(knapsack_solver.SolverType.KNAPSACK_DYNAMIC_PROGRAMMING_SOLVER, "parity")


def rle(a):
    """[[value, count], ...] runs of a 1-D array."""
    runs = []
    for v in a.tolist():
        if runs and runs[-1][0] == v:
            runs[-1][1] += 1
        else:
            runs.append([v, 1])
    return runs


def upsample(steps, n_frames, picks):
    frames = np.zeros(n_frames, dtype=np.float32)
    bounds = list(picks) + ([n_frames] if picks[-1] != n_frames else [])
    for i in range(len(bounds) - 1):
        frames[bounds[i]:bounds[i + 1]] = steps[i] if i < len(steps) else 0
    return frames


def knapsack(seg_scores, nfps, capacity):
    values = (np.array(seg_scores) * 1000).astype(int).tolist()
    solver.init(values, [list(nfps)], [capacity])
    solver.solve()
    return values, [i for i in range(len(values)) if solver.best_solution_contains(i)]


def summarize(frames, cps, nfps, n_frames, ratio=0.15):
    seg = [float(frames[s:e + 1].mean()) for s, e in cps]
    values, picked = knapsack(seg, nfps, int(math.floor(n_frames * ratio)))
    summary = np.concatenate([np.full(nf, 1.0 if i in picked else 0.0, dtype=np.float32)
                              for i, nf in enumerate(nfps)])
    return values, picked, summary


def f_score(machine, users, metric):
    machine = machine.astype(np.float32).copy()
    users = (users > 0).astype(np.float32)
    machine[machine > 0] = 1
    n = users.shape[1]
    machine = machine[:n] if len(machine) > n else np.concatenate([machine, np.zeros(n - len(machine))])
    fs, ps, rs = [], [], []
    for u in users:
        overlap = (machine * u).sum()
        p = overlap / (machine.sum() + 1e-8)
        r = overlap / (u.sum() + 1e-8)
        fs.append(0.0 if p == 0 and r == 0 else 2 * p * r / (p + r))
        ps.append(p)
        rs.append(r)
    if metric == "avg":
        return [float(np.mean(fs)), float(np.mean(ps)), float(np.mean(rs))]
    i = int(np.argmax(fs))
    return [float(fs[i]), float(ps[i]), float(rs[i])]


videos = []
for v in range(8):
    n_frames = int(rng.integers(1200, 4000))
    first = int(rng.integers(0, 3))
    picks = np.arange(first, n_frames, 15)
    cps, start = [], 0
    while start < n_frames:
        end = min(n_frames - 1, start + int(rng.integers(30, 200)))
        cps.append([start, end])
        start = end + 1
    nfps = [e - s + 1 for s, e in cps]
    if v == 6:  # segment lengths that do not add up to n_frames: summary shorter than the video
        nfps[-1] = max(1, nfps[-1] - 7)
    n_users = 5
    blocks = (n_frames + 59) // 60
    interest = rng.random(blocks)
    user_scores = np.zeros((n_users, n_frames), dtype=np.float32)
    user_summary = np.zeros((n_users, n_frames), dtype=np.float32)
    for u in range(n_users):
        levels = 1 + np.minimum(4, np.floor((0.6 * interest + 0.4 * rng.random(blocks)) * 5))
        user_scores[u] = np.repeat(levels, 60)[:n_frames]
        _, _, s = summarize(user_scores[u], cps, [e - s + 1 for s, e in cps], n_frames)
        user_summary[u, :len(s)] = s[:n_frames]
    kind = v % 4
    t = len(picks)
    if kind == 0:
        steps = rng.random(t)
    elif kind == 1:  # coarse values: many ties in frame and shot scores
        steps = np.round(rng.random(t), 2)
    elif kind == 2:  # tiny scores: shot values truncate to 0 or 1
        steps = rng.random(t) * 0.002
    else:  # a sigmoid-product-like skew
        steps = (1 / (1 + np.exp(-rng.normal(size=t)))) ** 3
    steps = steps.astype(np.float32)
    if v == 5:
        steps = steps[:-2]  # fewer scores than picks: the last picks score 0
    frames = upsample(steps, n_frames, picks)
    values, picked, summary = summarize(frames, cps, nfps, n_frames)
    tau = float(np.mean([stats.kendalltau(stats.rankdata(-frames), stats.rankdata(-u))[0] for u in user_scores]))
    rho = float(np.mean([stats.spearmanr(stats.rankdata(-frames), stats.rankdata(-u))[0] for u in user_scores]))
    videos.append({
        "key": "video_%d" % (v + 1), "n_frames": n_frames, "picks": picks.tolist(), "change_points": cps,
        "n_frame_per_seg": nfps, "user_scores": [rle(u) for u in user_scores],
        "user_summary": [rle(u) for u in user_summary], "steps": steps.tolist(),
        "expected": {"values": values, "selected": picked, "avg": f_score(summary, user_summary, "avg"),
                     "max": f_score(summary, user_summary, "max"), "kendall": tau, "spearman": rho}})

# Small random instances with many ties and zero values, solved by OR-Tools itself: checks which optimal
# selection is returned (its tie rule, and its habit of adding a worthless item 0 when it fits).
instances = []
for t in range(400):
    n = int(rng.integers(1, 30))
    values = rng.integers(0, 6, n).tolist()
    weights = rng.integers(1, 50, n).tolist()
    capacity = int(rng.integers(0, sum(weights) + 10))
    solver.init(values, [weights], [capacity])
    solver.solve()
    instances.append({"values": values, "weights": weights, "capacity": capacity,
                      "selected": [i for i in range(n) if solver.best_solution_contains(i)]})

path = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "sspvs", "eval",
                    "eval_parity.json")
with open(path, "w") as fh:
    json.dump({"generator": "tools/gen_eval_parity.py", "numpy": np.__version__, "videos": videos, "knapsack": instances}, fh,
              separators=(",", ":"))
print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")
