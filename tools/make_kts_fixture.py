#!/usr/bin/env python3
"""Change points from the original KTS (v1.1, cpd_auto / cpd_nonlin) for sspvs.shots.KernelTemporalSegmentation.

KTS is not bundled (its licence is its own): pass the folder that holds your copy's `kts` package (cpd_auto.py,
cpd_nonlin.py as distributed with DSNet), so that `from kts.cpd_auto import cpd_auto` works:

    python3 tools/make_kts_fixture.py --kts /path/to/dir > core/src/test/resources/sspvs/shots/kts_fixture.json

Each case is a seeded feature sequence written as small integers (hex digits, one string per step), so the Java
test reads exactly the numbers KTS saw. The kernel is the one sspvs.shots builds and the public pipelines use:
rows scaled to unit length (a zero row stays zero), K = X X^T in float64. cpd_auto is called as the public files'
pipelines call it (DSNet make_shots: cpd_auto(K, n - 1, 1), lmin 1, lmax left at its default) and, for the
summarize command's bounded shots, with lmax set to the Java maxSegmentSteps. Recorded: cpd_auto's change points,
the scatter of its segmentation, its criterion for every number of change points (null where none fits), and
cpd_nonlin's change points and scatter for a few fixed numbers of change points. Generated with numpy 2.4.6; the tests never need Python.
"""
import argparse
import contextlib
import json
import sys

import numpy as np


def hex_rows(q):
    return ["".join("%x" % v for v in row) for row in q]


def kernel(q):
    x = q.astype(np.float64)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    return x @ x.T


def shots_sequence(rng, lengths, dim, noise):
    """Piecewise-constant non-negative features (like ReLU'd CNN features) with noise, quantised to 0..15."""
    rows = []
    for length in lengths:
        centre = rng.uniform(0, 12, size=dim)
        rows.append(centre + rng.normal(0, noise, size=(length, dim)))
    return np.clip(np.rint(np.vstack(rows)), 0, 15).astype(int)


def cases(rng):
    yield "clear_changes", shots_sequence(rng, [12, 20, 7, 15, 10], 8, 0.8), None, [1, 3, 4]
    yield "no_changes", np.clip(np.rint(6 + rng.normal(0, 2.0, size=(40, 8))), 0, 15).astype(int), None, [1, 2]
    yield "constant", np.full((12, 4), 7), None, [0, 1]
    yield "with_black_frames", np.vstack([shots_sequence(rng, [9], 6, 1.0), np.zeros((5, 6), int),
                                          shots_sequence(rng, [11], 6, 1.0)]), None, [2]
    yield "short", rng.integers(0, 16, size=(5, 4)), None, [1, 2]
    yield "two_steps", rng.integers(0, 16, size=(2, 4)), None, [1]
    yield "one_step", rng.integers(0, 16, size=(1, 4)), None, []
    # like a video at 2 steps per second: shots of 2 to 30 s, 32-d, more steps than the default bound of 600
    lengths = []
    while sum(lengths) < 640:
        lengths.append(int(rng.integers(4, 61)))
    lengths[-1] -= sum(lengths) - 640
    video = shots_sequence(rng, lengths, 32, 2.5)
    yield "video_like", video, None, [5, 20]
    # the summarize command bounds shots by the summary's length (maxSegmentSteps; KTS's lmax)
    yield "video_like_bounded", video, 96, []


@contextlib.contextmanager
def criterion_spy():
    """cpd_auto keeps its criterion (costs = scores / N + penalties) to itself; its first numpy.argmin call is on
    that array (the first cpd_nonlin runs without backtracking, so makes none): record what it is given."""
    seen = []
    original = np.argmin

    def spy(a, *args, **kwargs):
        if not seen:
            seen.append(np.array(a, dtype=np.float64))
        return original(a, *args, **kwargs)

    np.argmin = spy
    try:
        yield seen
    finally:
        np.argmin = original


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kts", required=True, help="folder holding the kts package (cpd_auto.py, cpd_nonlin.py)")
    args = parser.parse_args()
    sys.path.insert(0, args.kts)
    from kts.cpd_auto import cpd_auto
    from kts.cpd_nonlin import cpd_nonlin

    rng = np.random.default_rng(20230104)
    out = []
    for name, q, lmax, fixed in cases(rng):
        k = kernel(q)
        n = len(q)
        extra = {} if lmax is None else {"lmax": lmax}
        with criterion_spy() as seen:
            cps, scores = cpd_auto(k, n - 1, 1, verbose=False, **extra)
        criterion = [None if np.isinf(v) else float(v) for v in seen[0]]
        case = {"name": name, "features": hex_rows(q), "max_segment_steps": lmax,
                "change_points": [int(c) for c in cps], "scatter": float(scores[len(cps)]),
                "criterion": criterion, "fixed": []}
        for m in fixed:
            fcps, fscores = cpd_nonlin(k, m, verbose=False, **extra)
            case["fixed"].append({"change_point_count": m, "change_points": [int(c) for c in fcps],
                                  "scatter": float(fscores[m])})
        out.append(case)
        print("%s: n=%d, %d change points" % (name, n, len(cps)), file=sys.stderr)
    json.dump({"generator": "tools/make_kts_fixture.py", "numpy": np.__version__, "cases": out}, sys.stdout,
              indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
