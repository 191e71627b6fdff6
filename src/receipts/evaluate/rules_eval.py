"""How often each named verification rule is right on real labelled claim–evidence data.

The rules of :mod:`receipts.verify.compare` and :mod:`receipts.verify.rejection` are run, as the
verifier runs them, on every claim–evidence pair of a public set; each rule that fires is scored
against the gold label. This is the second measurement of a rule's precision beside the hand-judged
sample of receipts' own verdicts on real news (``receipts eval audit``):

- Climate-FEVER pairs: one Wikipedia sentence per pair, labelled SUPPORTS, REFUTES or NOT_ENOUGH_INFO
  by annotators; a rule's stance is right when it matches the pair's label.
- PolitiHop: a PolitiFact claim with the ruling sentences annotated as its evidence; each rule counts
  once per claim and is right when its stance matches the claim's label (true → support, false →
  refute). A rule taking either side of a half-true claim is counted apart, as ``half``. The set holds
  several rows per claim (one per annotation); they are merged into one claim with the union of their
  evidence, so a claim is judged once.
- PolitiHop rulings (``evidence="ruling"``): every sentence of the PolitiFact article is evidence, each
  with the sentence before it, and only the rules that read a statement about the claim (a rejection,
  a pointer back at it, a report calling it false) are scored: the ruling is where a fact-checker's
  own words ("it's not true that ...", "there is no evidence that ...") are.
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
from receipts.verify.verifier import nli_signal

GOLD_STANCE = {"SUPPORTS": "support", "REFUTES": "refute"}


# The rules that read what a sentence says about the claim as a statement, not about the world.
STATEMENT_RULES = ("rejection-refute", "reference-refute", "narration-refute")


def fired(claim, evidence, claim_text: str, evidence_text: str, before=None) -> list[str]:
    """The rules that fire on one claim–evidence pair, as the verifier would apply them (no NLI).

    :param before: The parse of the sentence before the evidence in its document, if known.
    """
    out = []
    if claim_text and claim_text in evidence_text:
        adverb = None if is_correction(evidence_text) else falsely_reported(evidence, claim_text)
        return ["narration-refute"] if adverb else []
    if not is_correction(evidence_text):
        if rejected_by(claim, evidence) is not None:
            return ["rejection-refute"]
        if before is not None and rejected_by(claim, evidence, before=before, pointing=True) is not None:
            return ["reference-refute"]
    ok, signal = compare(claim, evidence)
    if not ok or not assess(evidence).counts:
        return out
    if signal is not None:
        out.append(rule_name(signal.kind, signal.stance))
    elif restates(claim, evidence):
        out.append("restatement-support")
    return out


def open_to_nli(claim, evidence, claim_text: str, evidence_text: str) -> bool:
    """Whether the verifier would let the NLI model alone read this pair: evidence that shares a key noun
    or name with the claim, states it as fact (not held at a distance, not a correction or headline), and
    on which no rule fired."""
    if claim_text and claim_text in evidence_text:
        return False
    ok, signal = compare(claim, evidence)
    return ok and signal is None and assess(evidence).counts and not restates(claim, evidence)


NLI_AT = (0.7, 0.8, 0.9, 0.95, 0.98)


def merge_claims(rows: list[dict]) -> list[dict]:
    """PolitiHop rows of the same claim (and label) as one row: the union of their evidence, in order."""
    merged: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = (_claim_text(r), r["label"])
        if key not in merged:
            merged[key] = {**r, "evidence": list(r["evidence"])}
        else:
            have = merged[key]["evidence"]
            have += [e for e in r["evidence"] if e not in have]
    return list(merged.values())


def evaluate_rules(
    rows: list[dict],
    parse_many: Callable[[list[str]], list],
    fmt: str,
    on_progress=None,
    nli=None,
    evidence: str = "annotated",
    nli_at: tuple[float, float] = (0.9, 0.9),
) -> dict:
    """Per rule: how often it fired, and how often its stance matched the gold label.

    :param rows: Climate-FEVER pair rows or PolitiHop rows (``claim``, ``evidence`` list, ``label``).
    :param parse_many: Parses a list of texts as the verifier does.
    :param nli: Also score the NLI model: on every pair as ``nli-support@0.9`` etc. (at each of ``NLI_AT``),
        and as the verifier applies it alone, the rules ``nli-support`` and ``nli-refute``: on the pairs of
        :func:`open_to_nli`, at the thresholds ``nli_at`` (support, refute).
    :param evidence: ``annotated`` (the set's evidence) or, for PolitiHop, ``ruling``: every sentence of
        the ruling article with the one before it, scoring only :data:`STATEMENT_RULES`.
    :returns: ``rules`` (per rule: fired, right, wrong, half, precision), ``n`` claims, ``pairs`` and, per
        gold label, ``fired_on`` (how many claims of that label each rule fired on).
    """
    if evidence not in ("annotated", "ruling"):
        raise ConfigError(f"evidence must be annotated or ruling, not {evidence!r}")
    if evidence == "ruling" and fmt != "politihop":
        raise ConfigError("--evidence ruling needs --format politihop (only PolitiHop carries the ruling text)")
    if fmt == "politihop":
        rows = merge_claims(rows)
    if evidence == "ruling":
        rows = [{**r, "evidence": [s for s in r.get("ruling") or [] if s.strip()]} for r in rows]
        nli = None
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
    fired_on: dict[str, dict[str, int]] = {}
    for r in rows:
        claim_text = _claim_text(r)
        seen: set[str] = set()
        previous = None
        for ev in r["evidence"]:
            pairs += 1
            before = docs[previous] if evidence == "ruling" and previous is not None else None
            found = fired(docs[claim_text], docs[ev], claim_text, ev, before=before)
            seen.update(f for f in found if evidence == "annotated" or f in STATEMENT_RULES)
            previous = ev
            if probs is not None:
                entail, _, contra = next(probs)
                for rule in found:
                    # a rule and the model on the same side: does their agreement make the rule precise?
                    agree, other = (entail, contra) if rule.endswith("-support") else (contra, entail)
                    seen.update(f"{rule}+nli@{t}" for t in NLI_AT if agree >= t and agree > other)
                seen.update(f"nli-support@{t}" for t in NLI_AT if entail >= t)
                seen.update(f"nli-refute@{t}" for t in NLI_AT if contra >= t)
                if not found and open_to_nli(docs[claim_text], docs[ev], claim_text, ev):
                    # where the verifier would ask the model alone, at each threshold, to choose them by
                    seen.update(f"aligned-nli-support@{t}" for t in NLI_AT if entail >= t and entail > contra)
                    seen.update(f"aligned-nli-refute@{t}" for t in NLI_AT if contra >= t and contra > entail)
                    alone = nli_signal(float(entail), float(contra), support_at=nli_at[0], refute_at=nli_at[1])
                    if alone is not None:
                        seen.add(rule_name("nli", alone.stance))
        gold = GOLD_STANCE.get(r["label"])
        for name in seen:
            per = fired_on.setdefault(name, {})
            per[r["label"]] = per.get(r["label"], 0) + 1
            c = counts.setdefault(name, {"fired": 0, "right": 0, "wrong": 0, "half": 0})
            c["fired"] += 1
            stance = name.split("@")[0].split("+")[0].rsplit("-", 1)[1]
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
    return {
        "n": len(rows),
        "pairs": pairs,
        "evidence": evidence,
        "labels": base,
        "rules": {k: v for k, v in counts.items() if v["fired"]},
        "fired_on": fired_on,
    }


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
