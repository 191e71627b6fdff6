"""Canonical form of a claim or commitment: subject, predicate, object, quantity, polarity, time.

Later matching and verification compare these fields instead of raw text: "200 have been sent
back" and "no remains have been returned" share a predicate family and differ in quantity and
polarity.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from receipts.extract.speakers import SpeakerResolver
from receipts.types import Canonical, Quantity, TimeExpr

_NEG_DETS = frozenset("no none never neither nor nothing nobody".split())


def _phrase(tok: Token, limit: int = 12) -> str:
    words = [t for t in tok.subtree if t.dep_ not in ("relcl", "punct", "advcl")][:limit]
    return " ".join(t.text for t in words)


def _polarity(span: SpacySpan, root: Token) -> str:
    for t in span:
        if t.dep_ == "neg" and (t.head.i == root.i or t.head.head.i == root.i):
            return "negative"
        if t.lower_ in _NEG_DETS and (
            t.head.i == root.i or t.head.head.i == root.i or t.head.dep_ in ("nsubj", "nsubjpass", "dobj")
        ):
            return "negative"
        if (
            t.lower_ == "single"
            and t.i > 0
            and span.doc[t.i - 1].lower_ == "a"
            and t.i > 1
            and span.doc[t.i - 2].lower_ == "not"
        ):
            return "negative"
    return "positive"


def canonical_form(
    span: SpacySpan,
    *,
    resolver: SpeakerResolver | None = None,
    quantities: tuple[Quantity, ...] = (),
    times: tuple[TimeExpr, ...] = (),
    said_on: date | None = None,
    speaker: str | None = None,
) -> Canonical:
    """Build the canonical form of one claim unit.

    :param span: The claim's tokens.
    :param resolver: Resolves the subject to a canonical actor; without it the subject is the text.
    :param said_on: When the claim was made (publication date, or the quote's date).
    :param speaker: Who made the claim, if known.
    """
    root = span.root
    while root.dep_ in ("aux", "auxpass") and root.head.i != root.i and root.head in span:
        root = root.head
    children = list(root.children)
    prt = next((c.text for c in children if c.dep_ == "prt"), None)
    predicate = root.lemma_.lower() + (f" {prt.lower()}" if prt else "")
    if root.lemma_ == "be":
        comp = next((c for c in children if c.dep_ in ("acomp", "attr")), None)
        if comp is not None:
            predicate = f"be {comp.lemma_.lower()}"
    subj = next((c for c in children if c.dep_ == "nsubj"), None)
    passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
    obj = next((c for c in children if c.dep_ in ("dobj", "attr", "dative")), None)
    if passive is not None:
        agent = next((c for c in children if c.dep_ == "agent"), None)
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        obj = passive
    if obj is None:
        prep = next((c for c in children if c.dep_ == "prep"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    subject = None
    if subj is not None:
        resolved = resolver.resolve(subj) if resolver is not None else None
        subject = resolved.name if resolved is not None and resolved.kind != "unknown" else _phrase(subj, 8)
    q = quantities[0] if quantities else None
    t = next((x for x in times if x.value is not None), None)
    obj_text = _phrase(obj) if obj is not None else None
    if obj is not None and obj.like_num and q is not None and q.unit and q.unit_inferred:
        obj_text = f"{obj.text} {q.unit}"  # "200 have been sent back" is about 200 remains of soldiers
    return Canonical(
        subject=subject,
        predicate=predicate,
        object=obj_text,
        quantity={"value": q.value, "unit": q.unit, "approx": q.approx, "upper": q.upper} if q else None,
        polarity=_polarity(span, root),
        holds_at=t.iso if t else None,
        said_on=said_on.isoformat() if said_on else None,
        speaker=speaker,
    )
