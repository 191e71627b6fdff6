"""Claims about promises ("Dravania has begun keeping its promise"), held against the promise record.

A claim that a promise is kept, being kept or broken is checked against the status receipts
tracked for that actor's earlier promises (``verification.track_promises``), not against sentences
that merely share its words. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from receipts.nlp.syntax import negated, subject

PROMISE_NOUNS = frozenset("promise pledge commitment vow undertaking word".split())
_KEEP = frozenset("keep honor honour fulfil fulfill deliver meet implement respect".split())
_BREAK = frozenset("break renege abandon violate betray breach".split())
_BEGIN = frozenset("begin start".split())
_WORDS_OFF = frozenset("the its their his her our a an".split())


@dataclass(frozen=True, slots=True)
class PromiseReference:
    """What a claim says about a promise: who made it and whether it is kept, being kept or broken."""

    actor: str | None  # the promiser as written ("Dravania"), None for a pronoun or no subject
    asserts: str  # kept | in the works | broken | not kept
    about: frozenset[str]  # lemmas of what was promised, when the claim says ("to return the remains")


@dataclass(frozen=True, slots=True)
class PromiseRecord:
    """One tracked promise and its current status, with the evidence that set it."""

    id: str
    actor: str | None
    action: str
    made_on: date | None
    status: str
    as_of: date | None
    reason: str
    evidence: dict | None  # the sentence that set the status: sentence_id, document_id, text, source, ...


def _subject(verb: Token) -> Token | None:
    return subject(verb, climb=("xcomp", "conj", "ccomp", "pcomp"), hops=2)


# Every word whose lemma is one of PROMISE_NOUNS holds one of these (a regular noun keeps its stem).
_MAY_REFER = re.compile("|".join(w[:-1] if w.endswith("e") else w for w in sorted(PROMISE_NOUNS)), re.IGNORECASE)


def may_refer(text: str) -> bool:
    """False when a text cannot talk about a promise (``find_reference`` would find none): it holds no
    word of ``PROMISE_NOUNS``. Read before parsing, so that most claims are never parsed for it."""
    return _MAY_REFER.search(text) is not None


def find_reference(doc: Doc) -> PromiseReference | None:
    """The promise a claim talks about, or None when it talks about none.

    Covers "X has kept / is keeping / has begun keeping (its) promise", "X broke its pledge",
    "X reneged on its commitment", their negations, and "X's promise was kept / broken".
    """
    for noun in doc:
        if noun.lemma_.lower() not in PROMISE_NOUNS or noun.pos_ != "NOUN":
            continue
        verb = noun.head
        if noun.dep_ == "pobj" and verb.dep_ == "prep":  # "reneged on its promise", "delivered on the pledge"
            verb = verb.head
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or lemma not in _KEEP | _BREAK:
            continue
        if noun.dep_ == "nsubjpass":
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        else:
            owner = _subject(verb)
            if owner is None:
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        actor = None
        if owner is not None and owner.pos_ != "PRON":
            words = [
                t
                for t in owner.subtree
                if t.dep_ not in ("case", "punct", "relcl", "acl") and t.i <= owner.i and t.lower_ not in _WORDS_OFF
            ]
            actor = " ".join(t.text for t in words) or None
        if lemma in _BREAK:
            asserts = "broken"
        else:
            ongoing = verb.tag_ == "VBG" and (
                verb.head.lemma_.lower() in _BEGIN or any(c.lemma_ == "be" and c.dep_ == "aux" for c in verb.children)
            )
            asserts = "in the works" if ongoing else "kept"
        if negated(verb):
            asserts = "kept" if asserts == "broken" else "not kept"
        # what was promised: "its promise to dredge the channel" (not "the promise it made at the summit")
        about = frozenset(
            t.lemma_.lower()
            for c in noun.children
            if c.dep_ in ("acl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for t in c.subtree
            if t.pos_ in ("NOUN", "VERB")
        )
        return PromiseReference(actor, asserts, about)
    return None


def _same_actor(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    wa = {w for w in a.lower().split() if w not in _WORDS_OFF}
    wb = {w for w in b.lower().split() if w not in _WORDS_OFF}
    return bool(wa) and (wa <= wb or wb <= wa)


def relevant_promises(
    ref: PromiseReference,
    records: list[PromiseRecord],
    *,
    said_on: date | None,
    action_lemmas: dict[str, frozenset[str]] | None = None,
) -> list[PromiseRecord]:
    """The claimant's subject's promises made before the claim (and about the same thing, if it says)."""
    out = []
    for r in records:
        if not _same_actor(ref.actor, r.actor):
            continue
        if said_on is not None and r.made_on is not None and r.made_on > said_on:
            continue
        if ref.about and action_lemmas is not None and not (ref.about & action_lemmas.get(r.id, frozenset())):
            continue
        out.append(r)
    return out


_AGREES = {
    "kept": {"kept": True, "broken": False, "stalled": False},
    "in the works": {"kept": True, "in the works": True, "broken": False, "stalled": False},
    "broken": {"broken": True, "kept": False, "in the works": False},
    "not kept": {"broken": True, "stalled": True, "kept": False},
}


def judge(ref: PromiseReference, record: PromiseRecord) -> tuple[str, float, str] | None:
    """``(stance, strength, detail)`` the record's status gives the claim, or None when it says nothing.

    A promise still "not yet rated" or a "compromise" decides nothing.
    """
    agrees = _AGREES[ref.asserts].get(record.status)
    if agrees is None:
        return None
    when = f", {record.as_of.isoformat()}" if record.as_of else ""
    said = {"kept": "kept", "in the works": "is keeping", "broken": "broke", "not kept": "has not kept"}[ref.asserts]
    detail = (
        f"claimed {ref.actor or 'the promiser'} {said} its promise; record: {record.actor}'s promise to "
        f"{record.action} is {record.status.upper()} ({record.reason}{when})"
    )
    return ("support" if agrees else "refute"), (0.85 if not agrees else 0.8), detail
