#!/usr/bin/env python3
"""Reference values for sspvs.stats (Bootstrap, Wilcoxon), computed independently of the Java code.

Bootstrap: the same stratified percentile bootstrap written from its definition in Python: SplitMix64 (the public
algorithm, re-implemented here) draws each resample's indices within each stratum, numpy's default (linear)
percentile gives the interval. Wilcoxon: scipy.stats.wilcoxon, two-sided, zero_method="wilcox"; method="exact" for at
most 30 non-zero differences without ties, else method="approx" with correction=True (see sspvs.stats.Wilcoxon).

    python3 tools/make_stats_fixture.py > core/src/test/resources/sspvs/stats/fixture.json

Generated once with scipy 1.17.1 and numpy 2.4.6; the tests never need Python.
"""
import json
import sys

import numpy as np
from scipy.stats import wilcoxon

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n


def bootstrap(values, strata, resamples, level, seed):
    groups = {}
    for i, s in enumerate(strata):
        groups.setdefault(s, []).append(i)  # dicts keep first-appearance order
    rng = SplitMix64(seed)
    means = []
    for _ in range(resamples):
        total = 0.0
        for idx in groups.values():
            for _ in range(len(idx)):
                total += values[idx[rng.below(len(idx))]]
        means.append(total / len(values))
    tail = (1 - level) / 2
    return float(np.percentile(means, 100 * tail)), float(np.percentile(means, 100 * (1 - tail)))


def wilcoxon_p(a, b):
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    d = d[d != 0]
    if d.size == 0:
        return 1.0, "none"
    ties = len(np.unique(np.abs(d))) < d.size
    method = "exact" if d.size <= 30 and not ties else "approx"
    return float(wilcoxon(d, zero_method="wilcox", correction=True, method=method).pvalue), method


def case(name, a, b, strata, seed=0, resamples=10000):
    diff = [y - x for x, y in zip(a, b)]
    low, high = bootstrap(diff, strata, resamples, 0.95, seed)
    p, method = wilcoxon_p(a, b)
    return {"name": name, "a": list(a), "b": list(b), "strata": list(strata), "seed": seed,
            "resamples": resamples, "ci_low": low, "ci_high": high, "wilcoxon_p": p, "wilcoxon_method": method}


def main():
    rng = np.random.default_rng(2023)
    cases = []
    # 12 videos in 3 splits, a small improvement: exact p
    a = rng.uniform(0.3, 0.7, 12).round(6)
    b = (a + rng.normal(0.03, 0.05, 12)).round(6)
    cases.append(case("small_exact", a, b, [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], seed=7))
    # 50 videos in 5 splits (TVSum-sized): normal approximation
    a = rng.uniform(0.3, 0.7, 50).round(6)
    b = (a + rng.normal(0.01, 0.04, 50)).round(6)
    cases.append(case("tvsum_sized", a, b, [i // 10 for i in range(50)], seed=0))
    # F-scores on a coarse grid: tied magnitudes and zero differences
    a = rng.integers(30, 70, 40) / 100
    b = a + rng.integers(-3, 6, 40) / 100
    cases.append(case("ties_and_zeros", a.round(2), b.round(2), [i % 4 for i in range(40)], seed=12345))
    # 40 differences around the test's commons-math3 comparison, no ties
    x = (np.sin(np.arange(40) * 1.7) + 0.2)
    cases.append(case("forty_untied", [0.0] * 40, x, [0] * 40, seed=3))
    # identical runs
    a = rng.uniform(0.3, 0.7, 20).round(6)
    cases.append(case("identical", a, a, [i % 2 for i in range(20)], seed=1))
    json.dump({"generator": "tools/make_stats_fixture.py", "cases": cases}, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
