"""Score quote attribution (source / cue / content) against PolNeAR-style gold spans.

Each attribution has up to three parts; each part is one or more character spans
(a discontinuous content is a list of fragments). Spans are scored per part:

- exact: a predicted fragment counts when a gold fragment has the same offsets;
- overlap: fragments are matched one-to-one, best first, when the Jaccard index of
  their word tokens is at least 0.5.

Speaker accuracy is the share of gold attributions with a source whose predicted
quote (the one matched on content, else on cue) names the same entity: the predicted
speaker mention overlaps the gold source, or resolves to the same canonical name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from receipts.evaluate.metrics import prf

PARTS = ("source", "cue", "content")
_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass
class Attribution:
    """One attribution relation as character fragments per part."""

    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)
    speaker: str | None = None  # predicted: the resolved speaker name
    speaker_span: tuple[int, int] | None = None


def gold_attributions(row: dict, rels: list[dict] | None = None) -> list[Attribution]:
    """Read the primary annotator's attributions of one PolNeAR row (or the given relations)."""
    out = []
    for rel in (row.get("attributions") or []) if rels is None else rels:
        att = Attribution()
        for part in PARTS:
            value = rel.get(part)
            if value:
                spans = value.get("spans") or [value]
                getattr(att, part).extend((s["start"], s["end"]) for s in spans)
        out.append(att)
    return out


def annotator_copies(row: dict) -> list[list[Attribution]]:
    """Every annotator's attributions of a row: the primary one first, then the others' copies."""
    alt = row.get("alt_attributions") or {}
    return [gold_attributions(row)] + [gold_attributions(row, alt[name]) for name in sorted(alt)]


def attributed_sentences(sentences: list[tuple[int, int]], gold: list[Attribution]) -> list[tuple[int, int]]:
    """The sentences that hold part of a gold attribution: the units a sentence-level tagger is scored on."""
    spans = [s for att in gold for part in PARTS for s in getattr(att, part)]
    return [(a, b) for a, b in sentences if any(s < b and a < e for s, e in spans)]


def within(pred: list[Attribution], units: list[tuple[int, int]]) -> list[Attribution]:
    """Predicted attributions cut down to the fragments that touch one of the units."""

    def keep(spans):
        return [(s, e) for s, e in spans if any(s < b and a < e for a, b in units)]

    out = []
    for att in pred:
        cut = Attribution(keep(att.source), keep(att.cue), keep(att.content), att.speaker, att.speaker_span)
        if cut.source or cut.cue or cut.content:
            out.append(cut)
    return out


class _Tokens:
    """Word tokens of a text as character ranges, for overlap scoring."""

    def __init__(self, text: str) -> None:
        self.starts, self.ends = [], []
        for m in _WORD.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def of(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        out: set[int] = set()
        for a, b in spans:
            i = bisect_left(self.ends, a + 1)
            j = bisect_right(self.starts, b - 1)
            out.update(range(i, j))
        return frozenset(out)


def _jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _match(gold: list[frozenset[int]], pred: list[frozenset[int]], threshold: float = 0.5) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best Jaccard first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g & p:
                score = _jaccard(g, p)
                if score >= threshold:
                    pairs.append((score, i, j))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


@dataclass
class Counts:
    """True positives, predicted and gold counts for one part and one mode."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold


def score_document(
    text: str,
    gold: list[Attribution],
    pred: list[Attribution],
    counts: dict[str, Counts],
    resolve: Callable[[tuple[int, int]], str | None] | None = None,
) -> tuple[int, int]:
    """Add one document's counts; return (speaker hits, gold attributions with a source)."""
    tokens = _Tokens(text)
    for part in PARTS:
        g = sorted({span for att in gold for span in getattr(att, part)})
        p = sorted({span for att in pred for span in getattr(att, part)})
        counts[f"{part}_exact"].add(len(set(g) & set(p)), len(p), len(g))
        gt, pt = [tokens.of([s]) for s in g], [tokens.of([s]) for s in p]
        counts[f"{part}_overlap"].add(len(_match(gt, pt)), len(p), len(g))

    # Speaker accuracy: pair each gold attribution with a predicted one.
    gold_c = [tokens.of(a.content) for a in gold]
    pred_c = [tokens.of(a.content) for a in pred]
    pairs = dict(_match(gold_c, pred_c))
    gold_q = [tokens.of(a.cue) for a in gold]
    pred_q = [tokens.of(a.cue) for a in pred]
    for i, j in _match(gold_q, pred_q):
        pairs.setdefault(i, j)
    hits = total = 0
    for i, att in enumerate(gold):
        if not att.source:
            continue
        total += 1
        j = pairs.get(i)
        if j is None or pred[j].speaker_span is None:
            continue
        p = pred[j]
        a, b = p.speaker_span
        if any(a < e and s < b for s, e in att.source):
            hits += 1
        elif resolve is not None and p.speaker:
            name = resolve((min(s for s, _ in att.source), max(e for _, e in att.source)))
            hits += int(name is not None and name == p.speaker)
    return hits, total


def summarise(counts: dict[str, Counts], speaker_hits: int, speaker_total: int, articles: int) -> dict:
    """Turn counts into the reported metrics."""
    out: dict = {"articles": articles}
    for part in PARTS:
        for mode in ("exact", "overlap"):
            c = counts[f"{part}_{mode}"]
            p, r, f = prf(c.tp, c.pred - c.tp, c.gold - c.tp)
            suffix = "" if mode == "exact" else "_overlap"
            out[f"{part}_precision{suffix}"] = round(p, 4)
            out[f"{part}_recall{suffix}"] = round(r, 4)
            out[f"{part}_f1{suffix}"] = round(f, 4)
        out[f"{part}_gold"] = counts[f"{part}_exact"].gold
        out[f"{part}_predicted"] = counts[f"{part}_exact"].pred
    out["speaker_accuracy"] = round(speaker_hits / speaker_total, 4) if speaker_total else 0.0
    out["speaker_gold"] = speaker_total
    return out


def new_counts() -> dict[str, Counts]:
    return {f"{part}_{mode}": Counts() for part in PARTS for mode in ("exact", "overlap")}


def predicted_attributions(doc) -> list[Attribution]:
    """Turn the quotes receipts found in a parsed doc into scored attributions."""
    out = []
    for q in doc._.quotes:
        fragments = q.fragments or (q.content,)
        out.append(
            Attribution(
                source=[(q.speaker.span.start, q.speaker.span.end)] if q.speaker and q.speaker.span else [],
                cue=[(q.cue.start, q.cue.end)] if q.cue else [],
                content=[(f.start, f.end) for f in fragments],
                speaker=q.speaker.name if q.speaker else None,
                speaker_span=(q.speaker.span.start, q.speaker.span.end) if q.speaker and q.speaker.span else None,
            )
        )
    return out


def gold_resolver(doc) -> Callable[[tuple[int, int]], str | None]:
    """Resolve a gold source span to a speaker name with receipts' own resolver."""
    from receipts.extract.speakers import SpeakerResolver

    resolver = SpeakerResolver(doc, doc._.mentions)

    def resolve(span: tuple[int, int]) -> str | None:
        chars = doc.char_span(span[0], span[1], alignment_mode="expand")
        if chars is None:
            return None
        speaker = resolver.resolve(chars.root)
        return speaker.name if speaker else None

    return resolve
