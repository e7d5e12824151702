#!/usr/bin/python3
"""Lists the parameter names and shapes of the SSPVS networks' state dicts, as the authors' checkpoints store them.

A stand-in that rebuilds only the module tree (names, order, shapes) from the paper's description and the
reference's configuration, with torch.nn building blocks; no forward pass, no reference code. BERT is
bert-base-uncased as pytorch_transformers 1.2.0 names it (embeddings / encoder.layer.N / pooler).

    /usr/bin/python3 tools/sspvs_param_names.py [--json OUT]

prints, for the summarizer without and with text guidance (iter 4) and for the self-supervised model, every
state-dict entry with its shape (in registration order), and what a strict=False load of the self-supervised
checkpoint into each summarizer matches. Names carry Lightning's "video_model." prefix in .ckpt files.
"""
import argparse
import json

import torch
import torch.nn as nn

D_VIDEO, D_TEXT, FFN, HEADS, LAYERS, MAX_LEN = 1024, 768, 4096, 8, 3, 5000


class PositionalEncoding(nn.Module):
    def __init__(self, d, max_len=MAX_LEN):
        super().__init__()
        self.register_buffer("pe", torch.zeros(max_len, 1, d))  # sinusoids; persistent buffer, so in state_dict


class BertLayerStandIn(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = nn.Module()
        self.attention.self = nn.Module()
        for n in ("query", "key", "value"):
            setattr(self.attention.self, n, nn.Linear(D_TEXT, D_TEXT))
        self.attention.output = nn.Module()
        self.attention.output.dense = nn.Linear(D_TEXT, D_TEXT)
        self.attention.output.LayerNorm = nn.LayerNorm(D_TEXT, eps=1e-12)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(D_TEXT, 3072)
        self.output = nn.Module()
        self.output.dense = nn.Linear(3072, D_TEXT)
        self.output.LayerNorm = nn.LayerNorm(D_TEXT, eps=1e-12)


def bert_parts():
    emb = nn.Module()
    emb.word_embeddings = nn.Embedding(30522, D_TEXT)
    emb.position_embeddings = nn.Embedding(512, D_TEXT)
    emb.token_type_embeddings = nn.Embedding(2, D_TEXT)
    emb.LayerNorm = nn.LayerNorm(D_TEXT, eps=1e-12)
    enc = nn.Module()
    enc.layer = nn.ModuleList([BertLayerStandIn() for _ in range(12)])
    pooler = nn.Module()
    pooler.dense = nn.Linear(D_TEXT, D_TEXT)
    return enc, emb, pooler


def encoder(layers):
    return nn.TransformerEncoder(nn.TransformerEncoderLayer(D_VIDEO, HEADS, FFN, 0.1), layers)


def project_t_v():
    return nn.Sequential(nn.Linear(D_TEXT, D_TEXT), nn.ReLU(), nn.Linear(D_TEXT, D_VIDEO))


class Summarizer(nn.Module):
    """Progressive summarizer: registration order pos_encoder, transformer_encoder, score_predict,
    [bert_encoder, bert_embeddings, bert_pooler, project_t_v], v_cls."""

    def __init__(self, iters, with_info_guide):
        super().__init__()
        self.pos_encoder = PositionalEncoding(D_VIDEO)
        self.transformer_encoder = encoder(LAYERS)
        self.score_predict = nn.ModuleList(
            [nn.Sequential(nn.Dropout(0.1), nn.Linear(D_VIDEO, 1), nn.Sigmoid()) for _ in range(iters)])
        if with_info_guide:
            self.bert_encoder, self.bert_embeddings, self.bert_pooler = bert_parts()
            self.project_t_v = project_t_v()
        self.v_cls = nn.Embedding(1, D_VIDEO)


class SelfSupervised(nn.Module):
    """The multimodal self-supervised model whose checkpoint (pretrained_model.ckpt) the summarizer starts from."""

    def __init__(self):
        super().__init__()
        self.bert_encoder, self.bert_embeddings, self.bert_pooler = bert_parts()
        self.v_cls = nn.Embedding(1, D_VIDEO)
        self.v_mask = nn.Embedding(1, D_VIDEO)
        self.pos_encoder = PositionalEncoding(D_VIDEO)
        self.transformer_encoder_naive = encoder(1)
        self.transformer_encoder = encoder(LAYERS)
        self.prob_dist = nn.Sequential(nn.Linear(D_VIDEO, D_VIDEO // 2), nn.ReLU(), nn.Linear(D_VIDEO // 2, 2))
        self.video_decoder = nn.Sequential(nn.Linear(D_VIDEO, D_VIDEO), nn.ReLU())
        self.video_decoder_naive = nn.Sequential(nn.Linear(D_VIDEO, D_VIDEO), nn.ReLU())
        self.vid_cls_decoder = nn.Linear(D_VIDEO, D_VIDEO)
        self.project_t_v = project_t_v()
        self.classifier = nn.Sequential(
            nn.Linear(D_TEXT + D_VIDEO, 1024), nn.ReLU(), nn.Dropout(0.1), nn.Linear(1024, 512), nn.ReLU(),
            nn.Dropout(0.1), nn.Linear(512, 1), nn.Sigmoid())


def names_shapes(module):
    return [(k, list(v.shape)) for k, v in module.state_dict().items()]


def compress(names):
    """Collapses repeated layer indices for printing: bert_encoder.layer.{0..11}.x -> one line."""
    import re
    seen, out = {}, []
    for n, s in names:
        key = re.sub(r"\.(\d+)\.", ".N.", n, count=1) if (".layer." in n or ".layers." in n) else n
        if key in seen:
            seen[key][2].append(re.search(r"\.(\d+)\.", n).group(1))
        else:
            idx = re.search(r"\.(\d+)\.", n)
            seen[key] = [key, s, [idx.group(1)] if key != n else []]
            out.append(seen[key])
    lines = []
    for key, s, idx in out:
        label = key.replace(".N.", ".{%s..%s}." % (idx[0], idx[-1])) if idx else key
        lines.append("  %-66s %s" % (label, s))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--iter", type=int, default=4)
    a = ap.parse_args()
    torch.set_grad_enabled(False)
    nets = {
        "summarizer(with_info_guide=False, iter=%d)" % a.iter: Summarizer(a.iter, False),
        "summarizer(with_info_guide=True, iter=%d)" % a.iter: Summarizer(a.iter, True),
        "self_supervised": SelfSupervised(),
    }
    listing = {k: names_shapes(m) for k, m in nets.items()}
    ssl = dict(listing["self_supervised"])
    report = {}
    for k, entries in listing.items():
        total = sum(int(torch.tensor(s).prod()) for _, s in entries)
        print("%s: %d entries, %d values (state_dict names; .ckpt adds 'video_model.')" % (k, len(entries), total))
        print("\n".join(compress(entries)))
        if k.startswith("summarizer"):
            names = [n for n, _ in entries]
            matched = [n for n in names if n in ssl]
            assert all(ssl[n] == dict(entries)[n] for n in matched)
            missing = [n for n in names if n not in ssl]
            unexpected = [n for n in ssl if n not in dict(entries)]
            print("  strict=False from the self-supervised checkpoint: %d matched, missing %s, %d unexpected: %s"
                  % (len(matched), missing, len(unexpected),
                     sorted({u.split(".")[0] for u in unexpected})))
            report[k] = {"matched": len(matched), "missing": missing, "unexpected": unexpected}
        print()
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"names": {k: [{"name": n, "shape": s} for n, s in v] for k, v in listing.items()},
                       "load_from_self_supervised": report}, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
