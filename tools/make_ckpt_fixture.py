#!/usr/bin/python3
"""Builds the tiny PyTorch checkpoints that sspvs's Java checkpoint reader is tested against.

Run with Debian's torch (no Lightning needed):

    /usr/bin/python3 tools/make_ckpt_fixture.py src/test/resources/ckpt
        writes lightning_style.ckpt (pickle protocol 2, as torch.save and Lightning write it),
        lightning_style_proto4.ckpt (same content, protocol 4: FRAME/MEMOIZE/STACK_GLOBAL),
        plain_state_dict.pt (torch.save(model.state_dict())), legacy_format.pt (pre-1.6 non-zip
        format, which the reader must refuse with a helpful message) and expected.json (every
        state-dict tensor's name, dtype, shape and values as torch reads them).

    /usr/bin/python3 tools/make_ckpt_fixture.py --verify FILE [--expect-json JSON]
        loads a checkpoint written by sspvs's Java writer with torch.load (weights_only where this torch
        supports it), prints its entries and, with --expect-json, compares every tensor to the JSON.

The checkpoint mirrors the layout of a PyTorch Lightning .ckpt of the SSPVS summarizer (names under
``video_model.``), scaled down to d_model 8, and adds the awkward cases a reader must handle: float16,
float64 and int64 storages, a transposed (non-contiguous) view, two tensors sharing one storage at an
offset, an nn.Parameter, and unrelated entries holding arbitrary Python objects.
"""
import argparse
import collections
import json
import math
import os
import sys
import types

import torch


def _fake_module(name):
    """Registers an empty module so pickle can name classes from packages we do not have (Lightning)."""
    parts = name.split(".")
    for i in range(1, len(parts) + 1):
        sub = ".".join(parts[:i])
        if sub not in sys.modules:
            sys.modules[sub] = types.ModuleType(sub)
    return sys.modules[name]


_parsing = _fake_module("pytorch_lightning.utilities.parsing")


class AttributeDict(dict):
    """Stand-in for Lightning's AttributeDict (a dict subclass): pickled with NEWOBJ + SETITEMS."""

    def __getattr__(self, key):
        return self[key]


AttributeDict.__module__ = "pytorch_lightning.utilities.parsing"
AttributeDict.__qualname__ = "AttributeDict"
_parsing.AttributeDict = AttributeDict


class ModelCheckpointState:
    """Stand-in for a callback state object (plain class with a __dict__: NEWOBJ + BUILD)."""


ModelCheckpointState.__module__ = "pytorch_lightning.callbacks.model_checkpoint"
_fake_module("pytorch_lightning.callbacks.model_checkpoint").ModelCheckpointState = ModelCheckpointState


def ramp(n, scale, shift=0.0):
    """Deterministic, distinct, non-trivial values (no RNG, so every torch version writes the same)."""
    return torch.tensor([math.sin(0.37 * i + shift) * scale for i in range(n)], dtype=torch.float32)


def build_state_dict():
    d = 8
    sd = collections.OrderedDict()
    sd["video_model.v_cls.weight"] = ramp(d, 0.5).reshape(1, d)
    # A positional-encoding buffer, shape [max_len, 1, d] as the reference registers it.
    sd["video_model.pos_encoder.pe"] = ramp(6 * d, 1.0, 0.1).reshape(6, 1, d)
    p = "video_model.transformer_encoder.layers.0."
    sd[p + "self_attn.in_proj_weight"] = ramp(3 * d * d, 0.2, 0.2).reshape(3 * d, d)
    sd[p + "self_attn.in_proj_bias"] = ramp(3 * d, 0.05, 0.3)
    # Non-contiguous: a transposed view (stride (1, 8)) of a [8, 8] storage.
    sd[p + "self_attn.out_proj.weight"] = ramp(d * d, 0.3, 0.4).reshape(d, d).t()
    sd[p + "self_attn.out_proj.bias"] = ramp(d, 0.01, 0.5)
    # Two tensors sharing one storage: weight is storage[0:16] as [2, 8], bias is storage[16:18] (offset 16).
    shared = ramp(18, 0.7, 0.6)
    sd[p + "linear1.weight"] = shared[:16].view(2, d)
    sd[p + "linear1.bias"] = shared[16:18]
    # float16 and float64 storages.
    sd[p + "norm1.weight"] = (1.0 + ramp(d, 0.125, 0.7)).to(torch.float16)
    sd[p + "norm1.bias"] = ramp(d, 0.001, 0.8).to(torch.float64)
    sd["video_model.score_predict.0.1.weight"] = ramp(d, 0.9, 0.9).reshape(1, d)
    sd["video_model.score_predict.0.1.bias"] = torch.tensor([0.25])
    sd["video_model.score_predict.1.1.weight"] = ramp(d, 0.6, 1.0).reshape(1, d)
    # An nn.Parameter (torch._utils._rebuild_parameter), as state_dict(keep_vars=True) stores it.
    sd["video_model.score_predict.1.1.bias"] = torch.nn.Parameter(torch.tensor([-0.5]))
    # int64 buffer, like BatchNorm's num_batches_tracked; a 0-d tensor (shape []).
    sd["video_model.bn.num_batches_tracked"] = torch.tensor(123456789, dtype=torch.int64)
    # bfloat16 and a checkpoint-only module (unexpected in the summarizer).
    sd["video_model.v_mask.weight"] = ramp(d, 2.0, 1.1).reshape(1, d).to(torch.bfloat16)
    return sd


def build_checkpoint(sd):
    hparams = AttributeDict(
        model_name="sspvs", d_model=8, nhead_vid=2, iter=2, lr=1e-4, milestones=[200],
        with_info_guide=False, data_file=None,
    )
    namespace = argparse.Namespace(config="cfgs/tiny.yaml", seed=12345, pos_enc_weight=0.1)
    adam_state = {
        0: {"step": torch.tensor(10.0), "exp_avg": torch.zeros(1, 8), "exp_avg_sq": torch.ones(1, 8)},
    }
    cb_state = ModelCheckpointState()
    cb_state.best_model_score = torch.tensor(0.61)
    cb_state.monitor = "val/video_text_acc"
    return {
        "epoch": 3,
        "global_step": 10,
        "pytorch-lightning_version": "1.5.10",
        "state_dict": sd,
        "hyper_parameters": hparams,
        "hparams_name": "args",
        "args_namespace": namespace,
        "optimizer_states": [{"state": adam_state, "param_groups": [
            {"lr": 1e-4, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0, "amsgrad": False,
             "params": [0, 1, 2]}]}],
        "lr_schedulers": [{"milestones": collections.Counter([200]), "gamma": 0.1, "last_epoch": 3,
                           "_step_count": 4}],
        "callbacks": {"ModelCheckpoint{'monitor': 'val/video_text_acc'}": cb_state},
        "misc": {"a_set": {1, 2, 3}, "bytes": b"\x00\x01\xff", "big_int": 2 ** 70, "neg": -7,
                 "float": -2.5, "unicode": "vid\u00e9o \u2192 r\u00e9sum\u00e9", "none": None, "t": True},
    }


def expected_json(sd):
    out = []
    for name, t in sd.items():
        t = t.detach()
        out.append({
            "name": name,
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            # float32 view of the values, row-major, exactly as the Java reader must produce them.
            "values": [float(v) for v in t.reshape(-1).to(torch.float32).tolist()],
            "sum": float(t.to(torch.float64).sum()),
        })
    return {"torch_version": torch.__version__, "tensors": out}


def make(outdir):
    os.makedirs(outdir, exist_ok=True)
    sd = build_state_dict()
    ckpt = build_checkpoint(sd)
    torch.save(ckpt, os.path.join(outdir, "lightning_style.ckpt"))
    torch.save(ckpt, os.path.join(outdir, "lightning_style_proto4.ckpt"), pickle_protocol=4)
    plain = collections.OrderedDict((k[len("video_model."):], v.detach()) for k, v in sd.items())
    torch.save(plain, os.path.join(outdir, "plain_state_dict.pt"))
    torch.save({"w": torch.ones(2)}, os.path.join(outdir, "legacy_format.pt"),
               _use_new_zipfile_serialization=False)
    with open(os.path.join(outdir, "expected.json"), "w") as f:
        json.dump(expected_json(sd), f, indent=1)
    for n in sorted(os.listdir(outdir)):
        print(n, os.path.getsize(os.path.join(outdir, n)), "bytes")


def verify(path, expect_json):
    try:
        obj = torch.load(path, weights_only=True)
        mode = "weights_only=True"
    except TypeError:  # torch < 1.13 has no weights_only
        obj = torch.load(path)
        mode = "default"
    except Exception as e:  # torch 1.13's weights-only unpickler lacks some opcodes (BINFLOAT) newer ones have
        print("weights_only=True refused:", str(e)[-80:])
        obj = torch.load(path, weights_only=False)
        mode = "weights_only=False"
    print("torch", torch.__version__, "loaded", path, "with", mode)
    sd = obj["state_dict"] if isinstance(obj, dict) and "state_dict" in obj else obj
    print("state_dict type:", type(sd).__name__, "entries:", len(sd))
    for k, v in obj.items():
        if k != "state_dict":
            print("  extra", repr(k), "=", repr(v)[:200])
    for name, t in sd.items():
        print("  %-60s %-10s %s sum=%.6f" % (name, str(t.dtype), list(t.shape), float(t.double().sum())))
    if expect_json:
        with open(expect_json) as f:
            exp = json.load(f)
        names = [e["name"] for e in exp["tensors"]]
        assert list(sd.keys()) == names, ("names differ", list(sd.keys()), names)
        for e in exp["tensors"]:
            t = sd[e["name"]]
            assert list(t.shape) == e["shape"], (e["name"], list(t.shape), e["shape"])
            want = torch.tensor(e["values"], dtype=torch.float32).reshape(e["shape"])
            assert torch.equal(t.to(torch.float32), want), ("values differ", e["name"])
        print("all", len(names), "tensors equal to", expect_json)
    # A model can take these weights: load them into a module with the same names.
    print("OK")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir", nargs="?", default="src/test/resources/ckpt")
    ap.add_argument("--verify", metavar="FILE")
    ap.add_argument("--expect-json", metavar="JSON")
    a = ap.parse_args()
    if a.verify:
        verify(a.verify, a.expect_json)
    else:
        make(a.outdir)
