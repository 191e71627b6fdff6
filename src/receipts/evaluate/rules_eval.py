"""How often each named verification rule is right on real labelled claim–evidence data.

The rules of :mod:`receipts.verify.compare` and :mod:`receipts.verify.rejection` are run, as the
verifier runs them, on every claim–evidence pair of a public set; each rule that fires is scored
against the gold label. This is the second measurement of a rule's precision beside the hand-judged
sample of receipts' own verdicts on real news (``receipts eval audit``):

- Climate-FEVER pairs: one Wikipedia sentence per pair, labelled SUPPORTS, REFUTES or NOT_ENOUGH_INFO
  by annotators; a rule's stance is right when it matches the pair's label.
- PolitiHop: a PolitiFact claim with the ruling sentences annotated as its evidence; each rule counts
  once per claim and is right when its stance matches the claim's label (true → support, false →
  refute). A rule taking either side of a half-true claim is counted apart, as ``half``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from receipts.errors import ConfigError
from receipts.verify.assertions import assess, is_correction
from receipts.verify.compare import compare
from receipts.verify.rejection import falsely_reported, rejected_by
from receipts.verify.restatement import restates
from receipts.verify.rules import RULES, Measured, merge, rule_name

GOLD_STANCE = {"SUPPORTS": "support", "REFUTES": "refute"}


def fired(claim, evidence, claim_text: str, evidence_text: str) -> list[str]:
    """The rules that fire on one claim–evidence pair, as the verifier would apply them (no NLI)."""
    out = []
    if claim_text and claim_text in evidence_text:
        adverb = None if is_correction(evidence_text) else falsely_reported(evidence, claim_text)
        return ["narration-refute"] if adverb else []
    if not is_correction(evidence_text) and rejected_by(claim, evidence) is not None:
        return ["rejection-refute"]
    ok, signal = compare(claim, evidence)
    if not ok or not assess(evidence).counts:
        return out
    if signal is not None:
        out.append(rule_name(signal.kind, signal.stance))
    elif restates(claim, evidence):
        out.append("restatement-support")
    return out


NLI_AT = (0.7, 0.8, 0.9, 0.95, 0.98)


def evaluate_rules(
    rows: list[dict], parse_many: Callable[[list[str]], list], fmt: str, on_progress=None, nli=None
) -> dict:
    """Per rule: how often it fired, and how often its stance matched the gold label.

    :param rows: Climate-FEVER pair rows or PolitiHop rows (``claim``, ``evidence`` list, ``label``).
    :param parse_many: Parses a list of texts as the verifier does.
    :param nli: Also score the NLI model alone as rules ``nli-support@0.9`` etc. (at each of ``NLI_AT``).
    :returns: ``rules`` (per rule: fired, right, wrong, half, precision), ``n`` rows and ``pairs``.
    """
    texts: dict[str, None] = {}
    for r in rows:
        texts[_claim_text(r)] = None
        for ev in r["evidence"]:
            texts[ev] = None
    ordered = list(texts)
    docs = {}
    step = 256
    for i in range(0, len(ordered), step):
        chunk = ordered[i : i + step]
        docs.update(zip(chunk, parse_many(chunk)))
        if on_progress:
            on_progress(min(i + step, len(ordered)), len(ordered))
    counts = {name: {"fired": 0, "right": 0, "wrong": 0, "half": 0} for name in RULES}
    probs = None
    if nli is not None:
        probs = iter(nli.predict([(ev, _claim_text(r)) for r in rows for ev in r["evidence"]]))
    pairs = 0
    for r in rows:
        claim_text = _claim_text(r)
        seen: set[str] = set()
        for ev in r["evidence"]:
            pairs += 1
            seen.update(fired(docs[claim_text], docs[ev], claim_text, ev))
            if probs is not None:
                entail, _, contra = next(probs)
                seen.update(f"nli-support@{t}" for t in NLI_AT if entail >= t)
                seen.update(f"nli-refute@{t}" for t in NLI_AT if contra >= t)
        gold = GOLD_STANCE.get(r["label"])
        for name in seen:
            c = counts.setdefault(name, {"fired": 0, "right": 0, "wrong": 0, "half": 0})
            c["fired"] += 1
            stance = name.split("@")[0].rsplit("-", 1)[1]
            if fmt == "politihop" and r["label"] == "HALF_TRUE":
                c["half"] += 1
            elif stance == gold:
                c["right"] += 1
            else:
                c["wrong"] += 1
    for c in counts.values():
        judged = c["right"] + c["wrong"]
        c["precision"] = round(c["right"] / judged, 3) if judged else None
    base = {k: sum(1 for r in rows if r["label"] == k) for k in sorted({r["label"] for r in rows})}
    return {"n": len(rows), "pairs": pairs, "labels": base, "rules": {k: v for k, v in counts.items() if v["fired"]}}


def _claim_text(row: dict) -> str:
    return row["claim"].strip().strip("\"“”'‘’").strip()


def write_rule_table(path: Path, measured: dict) -> dict:
    """Put one source's judged counts (``{"source", "rules": {name: {right, wrong}}}``) into the rule table at
    ``path``, keeping its other sources, and write it. Only named rules go in (not the NLI thresholds).

    :raises ConfigError: When the file exists and is not a rule table.
    """
    existing = None
    if path.exists():
        try:
            existing = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{path}: not a rule table ({exc})") from exc
    counts = {
        name: Measured(int(v["right"]), int(v["wrong"])) for name, v in measured["rules"].items() if name in RULES
    }
    written = merge(existing, counts, source=measured["source"])
    path.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
    return written
