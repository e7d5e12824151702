#!/usr/bin/env python3
"""Writes core/src/test/resources/sspvs/data/no_users_fixture.h5: one eccv16-layout video whose user_summary has
shape (0, n_frames), as h5py writes it for a video nobody annotated (jhdf cannot write a zero-row dataset), so the
reader's "has no users" message is tested (issue 15 item 9: it said "not numeric"). Deterministic; run with
/usr/bin/python3 (Debian's python3-h5py).
"""
import os
import h5py
import numpy as np

out = os.path.join(os.path.dirname(__file__), "..", "core", "src", "test", "resources", "sspvs", "data",
                   "no_users_fixture.h5")
T, D, N = 8, 4, 120
with h5py.File(out, "w") as f:
    g = f.create_group("video_1")
    g["features"] = np.ones((T, D), dtype=np.float32)
    g["gtscore"] = np.linspace(0.1, 1.0, T).astype(np.float32)
    g["gtsummary"] = (np.arange(T) % 2).astype(np.float32)
    g["user_summary"] = np.zeros((0, N), dtype=np.float32)
    g["change_points"] = np.array([[0, 59], [60, 119]], dtype=np.int32)
    g["n_frame_per_seg"] = np.array([60, 60], dtype=np.int32)
    g["n_frames"] = np.int32(N)
    g["picks"] = np.arange(0, N, 15).astype(np.int32)
print(out)
