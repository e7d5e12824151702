#!/usr/bin/env python3
"""Writes src/test/resources/sspvs/data/h5py_eccv16_fixture.h5: a tiny eccv16-layout file made the way the public
files were (h5py, mixed dtypes, gzip-chunked datasets, byte and variable-length string names, an extra n_steps
field), so the Java reader is tested on a file that jhdf did not write. Deterministic; run with /usr/bin/python3.

video_1: like the public TVSum file (float64 gtscore/user_summary, int64 picks and n_frames, no video_name).
video_2: like the public SumMe file (gzip + chunks, fixed-length bytes video_name, float32, last change point one
         frame past the end and n_frame_per_seg off by one: the oddities the reader must only warn about).
video_3: variable-length UTF-8 video_name, int32 everything integral, user_scores present.
"""
import os
import h5py
import numpy as np

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "sspvs", "data",
                   "h5py_eccv16_fixture.h5")
rng = np.random.default_rng(20230101)
T, D, N, U = 8, 16, 120, 3
picks = np.arange(0, N, 15)
with h5py.File(out, "w") as f:
    g = f.create_group("video_1")
    g["features"] = rng.standard_normal((T, D)).astype(np.float32)
    g["gtscore"] = np.linspace(0.0, 1.0, T)  # float64
    g["gtsummary"] = (np.arange(T) % 3 == 0).astype(np.float64)
    g["user_summary"] = (rng.random((U, N)) < 0.2).astype(np.float64)
    g["change_points"] = np.array([[0, 39], [40, 79], [80, 119]], dtype=np.int32)
    g["n_frame_per_seg"] = np.array([40, 40, 40], dtype=np.int32)
    g["n_frames"] = np.int64(N)
    g["n_steps"] = np.int64(T)
    g["picks"] = picks.astype(np.int64)

    g = f.create_group("video_2")
    kw = dict(compression="gzip", chunks=True)
    g.create_dataset("features", data=rng.standard_normal((T, D)).astype(np.float32), **kw)
    g.create_dataset("gtscore", data=np.full(T, 0.5, dtype=np.float32), **kw)
    g.create_dataset("gtsummary", data=np.zeros(T, dtype=np.float32), **kw)
    g.create_dataset("user_summary", data=(rng.random((U, N)) < 0.2).astype(np.float32), **kw)
    g["change_points"] = np.array([[0, 59], [60, 120]], dtype=np.int64)
    g["n_frame_per_seg"] = np.array([60, 61], dtype=np.int64)  # counts the frame past the end
    g["n_frames"] = np.float64(N)
    g["picks"] = picks.astype(np.int32)
    g["video_name"] = np.bytes_(b"Air_Force_One")

    g = f.create_group("video_3")
    g["features"] = rng.standard_normal((T, D)).astype(np.float32)
    g["gtscore"] = rng.random(T).astype(np.float32)
    g["gtsummary"] = np.zeros(T, dtype=np.float32)
    g["user_summary"] = (rng.random((U, N)) < 0.2).astype(np.float32)
    g["user_scores"] = rng.integers(1, 6, (U, N)).astype(np.float32)
    g["change_points"] = np.array([[0, 119]], dtype=np.int32)
    g["n_frame_per_seg"] = np.array([120], dtype=np.int32)
    g["n_frames"] = np.int32(N)
    g["picks"] = picks.astype(np.int32)
    g.create_dataset("video_name", data="Viña del Mar", dtype=h5py.string_dtype("utf-8"))
print("wrote", os.path.normpath(out), os.path.getsize(out), "bytes")
