"""Where do predicted attribution spans miss gold? A boundary-error report for PolNeAR-style data.

For each part (source, cue, content) every gold fragment is put in one bucket:

- exact: a predicted fragment has its offsets;
- near: a predicted fragment overlaps it (word Jaccard >= 0.5) but an edge differs; the
  report counts which edge (start, end, both) and shows the words that differ;
- partial: only a weaker overlap;
- missed: nothing predicted touches it.

Predicted fragments that touch no gold fragment are counted as spurious. Run it on the held-out
train articles when deciding a rule (never on dev):

    python training/diagnose_attribution.py --data training/work/attribution/heldout.jsonl --part content --show 30
"""

from __future__ import annotations

import argparse
import collections
import json
import random
from pathlib import Path

from receipts.config import Settings
from receipts.evaluate.attribution import PARTS, _jaccard, _Tokens, gold_attributions, predicted_attributions
from receipts.runtime import load_nlp


def edge_words(text: str, gold: tuple[int, int], pred: tuple[int, int]) -> tuple[str, str]:
    """The text between the two starts and between the two ends ('+' predicted extra, '-' missing)."""
    (ga, gb), (pa, pb) = gold, pred
    start = "" if ga == pa else ("+" + text[pa:ga] if pa < ga else "-" + text[ga:pa])
    end = "" if gb == pb else ("+" + text[gb:pb] if pb > gb else "-" + text[pb:gb])
    return start, end


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--part", choices=PARTS, default="content")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--show", type=int, default=20, help="print this many examples per bucket")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    settings = Settings()
    nlp = load_nlp(
        settings.spacy_model,
        checkworthy_model="none",
        aliases_file=settings.aliases_file,
        attribution_model=settings.attribution_model,
    )
    nlp.disable_pipes(
        *[
            n
            for n in ("receipts_numbers", "receipts_claims", "receipts_commitments", "receipts_events")
            if n in nlp.pipe_names
        ]
    )
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    buckets: dict[str, list[str]] = collections.defaultdict(list)
    edges: collections.Counter = collections.Counter()
    start_words: collections.Counter = collections.Counter()
    end_words: collections.Counter = collections.Counter()
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        text = row["text"]
        tokens = _Tokens(text)
        gold = sorted({s for att in gold_attributions(row) for s in getattr(att, args.part)})
        pred = sorted({s for att in predicted_attributions(doc) for s in getattr(att, args.part)})
        touched = set()
        for g in gold:
            gt = tokens.of([g])
            best, best_p = 0.0, None
            for p in pred:
                if p[0] < g[1] and g[0] < p[1]:
                    touched.add(p)
                    score = _jaccard(gt, tokens.of([p]))
                    if score > best:
                        best, best_p = score, p
            line = f"{row['id']} gold={text[g[0] : g[1]]!r}"
            if best_p == g:
                buckets["exact"].append(line)
            elif best_p is not None and best >= 0.5:
                s, e = edge_words(text, g, best_p)
                edges["start" if s and not e else "end" if e and not s else "both"] += 1
                if s:
                    start_words[s[0] + " ".join(s[1:].split()[:3])[:30]] += 1
                if e:
                    end_words[e[0] + " ".join(e[1:].split()[-3:])[-30:]] += 1
                buckets["near"].append(f"{line}\n      start {s!r} end {e!r}")
            elif best_p is not None:
                buckets["partial"].append(f"{line}\n      pred={text[best_p[0] : best_p[1]]!r}")
            else:
                buckets["missed"].append(line)
        for p in pred:
            if p not in touched:
                buckets["spurious"].append(f"{row['id']} pred={text[p[0] : p[1]]!r}")

    total = sum(len(buckets[k]) for k in ("exact", "near", "partial", "missed"))
    print(f"{args.part}: {total} gold fragments in {len(rows)} articles")
    for k in ("exact", "near", "partial", "missed", "spurious"):
        print(f"  {k:9s} {len(buckets[k]):6d}")
    print(f"  near misses by edge: {dict(edges)}")
    print("  commonest start differences:", start_words.most_common(15))
    print("  commonest end differences:", end_words.most_common(15))
    rng = random.Random(args.seed)
    for k in ("near", "partial", "missed", "spurious"):
        sample = rng.sample(buckets[k], min(args.show, len(buckets[k])))
        if sample:
            print(f"\n== {k} ==")
            for line in sample:
                print("  " + line[:400])


if __name__ == "__main__":
    main()
