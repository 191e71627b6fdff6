"""Audit receipts' own output on real news: draw a reproducible sample to judge by hand, then score it.

``receipts eval audit --db STORE --seed 7 -o sample.tsv`` writes a TSV: one row per sampled item with
what receipts said, the evidence or context a judge needs, and an empty ``judgement`` column. A person
fills it with ``y`` (right) or ``n`` (wrong), or leaves it empty (could not tell); ``receipts eval audit
--score sample.tsv`` then prints precision per kind with its counts.

Kinds: ``verdicts`` (non-NOT_ENOUGH_INFO verdicts), ``contradictions``, ``promises`` (promise status
steps past "not yet rated"), ``quotes`` (is the speaker right?), ``claims`` (is it a check-worthy
factual claim?) and ``commitments`` (is it really a commitment of future action?).
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from collections import defaultdict
from pathlib import Path

from receipts.errors import ConfigError, ParseError
from receipts.evaluate.metrics import calibration_error
from receipts.verify.rules import LEAD, read_lead

KINDS = ("verdicts", "leads", "contradictions", "promises", "quotes", "claims", "commitments")
COLUMNS = ["kind", "id", "item", "output", "evidence", "source", "judgement", "note"]
_YES, _NO = {"y", "yes", "1", "true", "right", "correct"}, {"n", "no", "0", "false", "wrong", "incorrect"}
QUESTIONS = {
    "verdicts": "Is the verdict right, given the evidence shown and the record?",
    "leads": "Would the label the lead suggests be the right verdict, given the evidence shown and the record?",
    "contradictions": "Do the two statements come from different asserters and really contradict each other?",
    "promises": "Does the evidence show this status for this promise?",
    "quotes": "Is the speaker the person or body who said it?",
    "claims": "Is it a check-worthy factual claim (not an opinion, prediction, question, heading or fragment)?",
    "commitments": "Is it really a commitment of future action by the actor named?",
}


def _clip(text: str | None, n: int = 400) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def population(settings, kind: str) -> list[dict]:
    """Every item of one kind the store holds, as audit rows (judgement empty), in a stable order."""
    from receipts.app import queries, verification

    rows: list[dict] = []
    if kind == "verdicts":
        for v in verification.list_verdicts(settings):
            if v["label"] == "NOT_ENOUGH_INFO" or v["origin"] != "machine":
                continue
            ev = v["evidence"][0] if v["evidence"] else {}
            rule = ev.get("signal") or "?"
            rows.append(
                {
                    "id": v["claim_id"],
                    "item": v["claim"],
                    "output": f"{v['label']} ({v['confidence']}) [{rule}]: {v['reason']}",
                    "evidence": ev.get("text"),
                    "source": ev.get("speaker") or ev.get("source"),
                }
            )
    elif kind == "leads":
        # NOT_ENOUGH_INFO verdicts where a rule saw evidence it may not settle on: judging them measures
        # the rule ("is the label it suggests right?"), which is how a rule earns the right to settle
        for v in verification.list_verdicts(settings):
            lead = read_lead(v["reason"]) if v["label"] == "NOT_ENOUGH_INFO" and v["origin"] == "machine" else None
            if lead is None:
                continue
            label, rule = lead
            # the evidence behind the lead's own rule, so that the judge sees what the rule saw
            signal, stance = rule.rsplit("-", 1)
            ev = next(
                (e for e in v["evidence"] if e.get("signal") == signal and e["stance"] == stance),
                next((e for e in v["evidence"] if e["stance"] != "neutral"), v["evidence"][0] if v["evidence"] else {}),
            )
            rows.append(
                {
                    "id": v["claim_id"],
                    "item": v["claim"],
                    "output": f"lead {label} [{rule}]: {v['reason']}",
                    "evidence": ev.get("text"),
                    "source": ev.get("speaker") or ev.get("source"),
                }
            )
        rows += _promise_leads(verification.list_promise_timelines(settings))
    elif kind == "contradictions":
        for c in verification.list_contradictions(settings):
            rows.append(
                {
                    "id": c["id"],
                    "item": f"{c['a']['speaker'] or c['a']['source']}: {c['a']['text']}",
                    "output": c["reason"],
                    "evidence": f"{c['b']['speaker'] or c['b']['source']}: {c['b']['text']}",
                    "source": f"{c['a']['source']} / {c['b']['source']}",
                }
            )
    elif kind == "promises":
        for p in verification.list_promise_timelines(settings):
            for step in p["timeline"]:
                if step["status"] == "not yet rated" or step["origin"] != "machine":
                    continue
                ev = (step["evidence"] or [{}])[0] or {}
                rows.append(
                    {
                        "id": f"{p['id']}@{step['as_of']}",
                        "item": f"{p['actor'] or '?'} {p['cue']}: {p['action']}",
                        "output": f"{step['status']}: {step['reason']}",
                        "evidence": ev.get("text"),
                        "source": ev.get("source"),
                    }
                )
    elif kind in ("quotes", "claims", "commitments"):
        listed = queries.list_items(settings, "promises" if kind == "commitments" else kind, limit=1_000_000)
        context = _contexts(settings, listed)
        for item in listed:
            item["context"] = context.get(item["id"])
            if kind == "quotes":
                speaker = (item.get("speaker") or {}).get("name")
                rows.append(
                    {
                        "id": item["id"],
                        "item": item["text"],
                        "output": f"speaker: {speaker or '—'} ({item.get('cue')})",
                        "evidence": item["context"],
                        "source": item.get("source"),
                    }
                )
            elif kind == "claims":
                rows.append(
                    {
                        "id": item["id"],
                        "item": item["text"],
                        "output": f"check-worthy ({item.get('score') or 0:.2f})",
                        "evidence": item["context"],
                        "source": item.get("source"),
                    }
                )
            else:
                rows.append(
                    {
                        "id": item["id"],
                        "item": item["text"],
                        "output": (
                            f"{item.get('kind')}: {item.get('actor') or '?'} {item.get('cue')} {item.get('action')}"
                        ),
                        "evidence": item["context"],
                        "source": item.get("source"),
                    }
                )
    else:
        raise ConfigError(f"unknown audit kind {kind!r}; choose from {', '.join(KINDS)}")
    return sorted(rows, key=lambda r: r["id"])


_PROMISE_LEAD = re.compile(r"may be (?P<status>[a-z ]+?) \(")


def _promise_leads(timelines: list[dict]) -> list[dict]:
    """The steps the promise-step rule saw but may not settle on (kept on a timeline as "not yet rated"):
    judging them ("would the status it suggests be right for this promise?") measures the rule."""
    rows = []
    for p in timelines:
        for step in p["timeline"]:
            reason = step.get("reason") or ""
            m = _PROMISE_LEAD.search(reason) if step["origin"] == "machine" and reason.startswith(LEAD) else None
            if m is None:
                continue
            ev = (step["evidence"] or [{}])[0] or {}
            status = m.group("status").upper().replace(" ", "_")
            rows.append(
                {
                    "id": f"{p['id']}@{step['as_of']}",
                    "item": f"{p['actor'] or '?'} {p['cue']}: {p['action']}",
                    "output": f"lead {status} [promise-step]: {reason}",
                    "evidence": ev.get("text"),
                    "source": ev.get("speaker") or ev.get("source"),
                }
            )
    return rows


def _contexts(settings, items: list[dict], width: int = 160) -> dict[str, str]:
    """The text around each item in its document, for a judge to read."""
    from sqlalchemy import select

    from receipts.app.services import open_store
    from receipts.store.models import DocumentRow

    wanted = {i["document_id"] for i in items}
    with open_store(settings).transaction() as s:
        texts = (
            {d.id: d.text for d in s.scalars(select(DocumentRow).where(DocumentRow.id.in_(wanted)))} if wanted else {}
        )
    out = {}
    for i in items:
        text = texts.get(i["document_id"], "")
        out[i["id"]] = text[max(0, i["start"] - width) : i["end"] + width]
    return out


def draw_sample(settings, kinds: list[str], *, n: int, seed: int, rules: list[str] | None = None) -> list[dict]:
    """A reproducible random sample of up to ``n`` items of each kind: the same store and seed give the same rows.

    :param rules: Only verdicts and leads by these rules (``rejection-refute``; a verdict names its signal,
        ``[rejection]``, which matches the rule of that signal).
    """
    out = []
    for kind in kinds:
        items = population(settings, kind)
        if rules is not None and kind in ("verdicts", "leads"):
            tags = {f"[{r}]" for r in rules} | {f"[{r.rsplit('-', 1)[0]}]" for r in rules}
            items = [r for r in items if any(tag in r["output"] for tag in tags)]
        picked = random.Random(f"{seed}:{kind}").sample(items, min(n, len(items)))
        for row in sorted(picked, key=lambda r: r["id"]):
            out.append(
                {
                    "kind": kind,
                    "id": row["id"],
                    "item": _clip(row["item"]),
                    "output": _clip(row["output"], 300),
                    "evidence": _clip(row["evidence"]),
                    "source": row["source"] or "",
                    "judgement": "",
                    "note": "",
                }
            )
    return out


def write_sample(rows: list[dict], path: Path) -> None:
    """Write sample rows as a TSV with a header, ready to judge."""
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


_RULE_TAG = re.compile(r"\[(\w+)\]")
_RULE_WORDING = (
    ("same figure", "quantity"),
    ("claimed ", "quantity"),
    ("record: ", "quantity"),
    ("denies it", "negation"),
    ("says it did not", "negation"),
    ("also says it did not", "negation"),
    ("record says the same", "predicate"),
    ("claim says it", "predicate"),
    ("opposite accounts", "evaluation"),
    ("promise", "promise"),
)


_CONFIDENCE = re.compile(r"^[A-Z_]+ \((\d(?:\.\d+)?)\)")


def rule_of(output: str) -> str | None:
    """The rule behind a verdict or contradiction in an audit row: its ``[tag]``, else read from its reason."""
    tag = _RULE_TAG.search(output)
    if tag:
        return tag.group(1)
    low = output.lower()
    return next((rule for words, rule in _RULE_WORDING if words in low), None)


def score_sample(path: Path, *, settings=None) -> dict:
    """Precision per kind from a judged TSV: ``y`` right, ``n`` wrong, empty not counted.

    With ``settings`` (a store), the labels are held against what that store emits now, so a rule change
    can be measured on a sample drawn before it: a labelled item the store no longer holds is left out of
    the precision and counted as ``dropped`` (lost coverage); ``lost_right`` counts the dropped items
    judged right (lost recall). Items are matched by id (a content hash of the document and the span).
    A commitment or quote still emitted under its id but shown otherwise (another actor or speaker, another
    action) is left out too and counted as ``changed``: its judgement was of the old output. A sample
    kept without article text carries a digest of each output instead (``output_digest``).

    :param settings: Settings of the store to score against; None scores the file as judged.
    :raises ConfigError: When the file is missing.
    :raises ParseError: When it lacks the columns, or a judgement is not y/n.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such sample file; draw one with 'receipts eval audit --db STORE -o FILE'")
    rows = _read_judged(path)
    current: dict[str, set[str]] = {}
    shown: dict[str, str] = {}  # id -> the output the store gives it now (the kinds whose output can change)
    if settings is not None:
        for kind in sorted({row["kind"] for row, _ in rows}):
            if kind not in KINDS:
                raise ParseError(f"{path}: unknown kind {kind!r}; choose from {', '.join(KINDS)}")
            now = population(settings, kind)
            current[kind] = {_judged_as(kind, r["id"], r.get("output")) for r in now}
            if kind in SHOWN_KINDS:
                shown.update((r["id"], r.get("output") or "") for r in now)
    counts: dict[str, dict[str, int]] = defaultdict(
        lambda: {"right": 0, "wrong": 0, "unjudged": 0, "dropped": 0, "lost_right": 0, "changed": 0}
    )
    gone = set()  # rows not counted: no longer emitted, or emitted otherwise than judged
    for i, (row, key) in enumerate(rows):
        if (
            settings is not None
            and _judged_as(row["kind"], row.get("id"), row.get("output")) not in current[row["kind"]]
        ):
            gone.add(i)
            if key != "unjudged":
                counts[row["kind"]]["dropped"] += 1
                counts[row["kind"]]["lost_right"] += key == "right"
            continue
        if settings is not None and row["kind"] in SHOWN_KINDS and output_changed(row.get("output"), shown[row["id"]]):
            gone.add(i)  # same span, another actor or action: the judgement was of something else
            counts[row["kind"]]["changed"] += key != "unjudged"
            continue
        counts[row["kind"]][key] += 1
        rule = rule_of(row.get("output") or "") if row["kind"] in ("verdicts", "contradictions") else None
        if row["kind"] == "leads" and (m := _LEAD_TAG.match(row.get("output") or "")):
            rule = m.group("rule")
        if rule:
            counts[f"{row['kind']} by {rule}"][key] += 1
    out = {}
    scored = []  # (confidence, right) of the judged machine verdicts the store still holds
    for i, (row, key) in enumerate(rows):
        m = _CONFIDENCE.match(row.get("output") or "") if row["kind"] == "verdicts" and key != "unjudged" else None
        if m and i not in gone:
            scored.append((float(m.group(1)), key == "right"))
    for kind, c in sorted(counts.items()):
        judged = c["right"] + c["wrong"]
        entry = dict(c, judged=judged, precision=round(c["right"] / judged, 4) if judged else None)
        if settings is None or " by " in kind:
            entry.pop("dropped")
            entry.pop("lost_right")
            entry.pop("changed")
        out[kind] = entry
    if "verdicts" in out:
        out["verdicts"]["calibration"] = calibration_error(scored)
    return out


def _read_judged(path: Path) -> list[tuple[dict, str]]:
    """The rows of a judged TSV with their judgement read as ``right``, ``wrong`` or ``unjudged``."""
    out = []
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        if not reader.fieldnames or not {"kind", "judgement"} <= set(reader.fieldnames):
            raise ParseError(f"{path}: not an audit sample (needs the columns kind and judgement)")
        for lineno, row in enumerate(reader, start=2):
            mark = (row.get("judgement") or "").strip().lower()
            key = "right" if mark in _YES else "wrong" if mark in _NO else "unjudged" if not mark else None
            if key is None:
                raise ParseError(f"{path}:{lineno}: judgement {mark!r} is not y, n or empty")
            out.append((row, key))
    return out


_STANCE_OF_LABEL = {"SUPPORTED": "support", "REFUTED": "refute", "DISPUTED": "refute"}
_LEAD_TAG = re.compile(r"^lead (?P<label>[A-Z_]+) \[(?P<rule>[a-z]+-[a-z]+)\]")


# Kinds whose output (actor, speaker, action) can change while the id (document and span) stays.
SHOWN_KINDS = frozenset({"commitments", "quotes"})
_DIGEST = re.compile(r"#([0-9a-f]{10})\b")


def output_digest(output: str) -> str:
    """A short digest of an output as the audit shows it: ``#`` and 10 hex digits. A judged sample kept in
    the repository holds this (after the kind) instead of the article's words, and scoring still tells
    an item emitted otherwise than when it was judged."""
    return "#" + hashlib.sha1(" ".join(output.split()).encode("utf-8")).hexdigest()[:10]


def output_changed(judged: str | None, now: str) -> bool:
    """Whether the store now shows an item otherwise than the judged row did. A row holding only the kind
    (older samples kept without text) cannot tell, and counts as unchanged."""
    judged = (judged or "").strip()
    digest = _DIGEST.search(judged)
    if digest:
        return output_digest(now)[1:] != digest.group(1)
    if ":" not in judged:
        return False
    return " ".join(judged.split()) != " ".join(now.split())  # a TSV may have turned a line break into a space


def _judged_as(kind: str, item_id: str | None, output: str | None) -> tuple:
    """What a judgement is about: for a verdict or a lead, the id with the label and the rule (a judgement
    of "REFUTED by negation" says nothing about a later SUPPORTED); for other kinds, the id alone."""
    if kind == "verdicts":
        out = output or ""
        return item_id, out.split(" ", 1)[0], rule_of(out)
    if kind == "leads":
        m = _LEAD_TAG.match(output or "")
        return item_id, m and m.group("label"), m and m.group("rule")
    return (item_id,)


def rule_precision(path: Path) -> dict:
    """Judged counts per verification rule (``negation-refute``, ``predicate-support``, ...) in a judged sample.

    A verdict counts for the rule in its ``[tag]`` and the side its label takes (a DISPUTED verdict for
    the refuting side: refutation is what made it disputed); a contradiction for the rule's refuting side.
    The result is what ``receipts eval audit --rule-table`` writes and the verifier's gate reads
    (:mod:`receipts.verify.rules`).
    """
    from receipts.verify.rules import Measured, rule_name, table

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row, key in _read_judged(Path(path)):
        if key == "unjudged" or row["kind"] not in ("verdicts", "leads", "contradictions"):
            continue
        output = row.get("output") or ""
        if row["kind"] == "leads":  # a lead names its rule: right when the label it suggests is right
            m = _LEAD_TAG.match(output)
            if m:
                counts[m.group("rule")][0 if key == "right" else 1] += 1
            continue
        rule = rule_of(output)
        label = output.split(" ", 1)[0]
        stance = "refute" if row["kind"] == "contradictions" else _STANCE_OF_LABEL.get(label)
        if not rule or not stance:
            continue
        counts[rule_name(rule, stance)][0 if key == "right" else 1] += 1
    return table({name: Measured(r, w) for name, (r, w) in counts.items()}, source=Path(path).name)
