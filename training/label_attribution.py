"""Label unannotated text with a trained attribution tagger, for distillation ("silver" spans).

A larger tagger (the MPNet one) tags texts that have no gold attributions; the spans it finds are
written in PolNeAR's schema, so ``train_attribution.py --extra FILE`` can train a smaller tagger on
them beside the gold articles. Each span is written as its own attribution with one part: the
trainer needs only which characters are SOURCE, CUE or CONTENT.

Inputs (``--format``):

- ``politihop``: the ``ruling`` of each row of a PolitiHop file (a PolitiFact article, one sentence
  per list item; items are joined as paragraphs). Use a train file only: nothing here may come from
  a split that is scored.
- ``jsonl``: rows with a ``text`` field.

Usage::

    HF_HUB_OFFLINE=1 python training/label_attribution.py --model <mpnet export> \\
        --data ../shared/data/politihop/politihop_train.jsonl --format politihop --out silver.jsonl
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

PARTS = {"SOURCE": "source", "CUE": "cue", "CONTENT": "content"}


def read_texts(path: Path, fmt: str) -> list[tuple[str, str]]:
    """(id, text) pairs from a data file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for i, row in enumerate(rows):
        if fmt == "politihop":
            ruling = row.get("ruling") or []
            text = "\n\n".join(s.strip() for s in ruling if s and s.strip())
        else:
            text = row.get("text") or ""
        if text.strip():
            out.append((str(row.get("id", f"{path.stem}-{i}")), text))
    return out


def silver_row(doc_id: str, text: str, spans: list[tuple[int, int, str]]) -> dict:
    """One PolNeAR-schema row whose attributions are the tagger's spans, one part each."""
    atts = []
    for k, (a, b, label) in enumerate(spans):
        part = {"start": a, "end": b, "text": text[a:b], "spans": [{"start": a, "end": b, "text": text[a:b]}]}
        atts.append({"id": f"S{k}", "type": "Silver", "source": None, "cue": None, "content": None, PARTS[label]: part})
    return {"id": doc_id, "split": "silver", "text": text, "attributions": atts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, required=True, help="a tagger export folder (model.onnx, tokenizer.json)")
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--format", choices=("politihop", "jsonl"), default="jsonl")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    from receipts.classify.tagger import OnnxTokenTagger

    tagger = OnnxTokenTagger(args.model, threads=args.threads)
    texts = read_texts(args.data, args.format)
    t0, counts = time.time(), {label: 0 for label in PARTS}
    with args.out.open("w", encoding="utf-8") as fh:
        for start in range(0, len(texts), 16):
            batch = texts[start : start + 16]
            for (doc_id, text), spans in zip(batch, tagger.spans([t for _, t in batch])):
                for _, _, label in spans:
                    counts[label] += 1
                fh.write(json.dumps(silver_row(doc_id, text, spans), ensure_ascii=False) + "\n")
            print(f"{min(start + 16, len(texts))}/{len(texts)} texts ({time.time() - t0:.0f}s)", flush=True)
    spans = ", ".join(f"{n} {label.lower()}" for label, n in counts.items())
    print(f"wrote {len(texts)} texts to {args.out}: {spans} spans, in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
