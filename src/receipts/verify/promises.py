"""Promise status over time, from later evidence: the six statuses of a promise meter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from receipts.verify.assertions import assess
from receipts.verify.compare import is_negated, key_lemmas, verb_families

STATUSES = ("not yet rated", "in the works", "stalled", "compromise", "kept", "broken")
_REFUSAL = {"refuse", "reject", "rule", "renege", "withdraw", "abandon"}
_CONDITION = {"only after", "unless", "on condition", "until"}
_STEP = {
    "send",
    "schedule",
    "plan",
    "arrange",
    "prepare",
    "deliver",
    "propose",
    "meet",
    "hold",
    "discuss",
    "begin",
    "start",
    "sign",
}


@dataclass(frozen=True, slots=True)
class StatusStep:
    status: str
    as_of: date | None
    reason: str
    evidence: dict  # the sentence that moved it


def judge_step(
    promise: Doc,
    evidence: Doc,
    *,
    promised_value: float | None,
    deadline: date | None,
    evidence_date: date | None,
    actor_words: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """Return ``(status, reason)`` that one later statement implies for a promise, or None if unrelated.

    :param actor_words: The promiser's own name; sharing only that with the evidence is not enough.
    """
    shared = (key_lemmas(promise) - actor_words) & key_lemmas(evidence)
    p_fams, e_fams = verb_families(promise), verb_families(evidence)
    names_promiser = bool(actor_words & {t.lower_ for t in evidence})
    if not shared or (len(shared) < 2 and not names_promiser and not p_fams & e_fams):
        return None  # one shared word is not the same act ("overturn a ruling" vs "scrap a tax")
    if not assess(evidence).counts:
        return None  # someone else's vow, a boast or a correction moves no promise
    neg = is_negated(evidence)
    text = evidence.text.lower()
    lemmas = {t.lemma_.lower() for t in evidence}
    overdue = deadline is not None and evidence_date is not None and evidence_date > deadline
    if lemmas & _REFUSAL and neg is False and any(t.lemma_.lower() in _REFUSAL for t in evidence if t.pos_ == "VERB"):
        return "broken", "refused or withdrawn"
    if "skipped" in e_fams:
        return "stalled", "a meeting toward it was skipped or cancelled"
    if any(c in text for c in _CONDITION) and "would" in text:
        return "stalled", "a new condition was attached"
    if p_fams & e_fams and neg:
        return ("broken", "not delivered by the deadline") if overdue else ("stalled", "not delivered so far")
    if neg and ("plan" in lemmas or "date" in lemmas):
        return "stalled", "no plan or date for delivery"
    if p_fams & e_fams and not neg:
        values = [q.value for q in evidence._.quantities if q.value and q.kind == "count"]
        if promised_value and values and values[0] < promised_value:
            unit_match = any(
                q.unit
                and promise._.quantities
                and promise._.quantities[0].unit
                and q.unit.split()[-1] == promise._.quantities[0].unit.split()[-1]
                for q in evidence._.quantities
            )
            if unit_match or "verb:return" in e_fams:
                return "compromise", f"partly delivered: {values[0]:g} of {promised_value:g}"
        if any(t.tag_ in ("VBD", "VBN") for t in evidence) and not any(t.lower_ in ("will", "would") for t in evidence):
            if "transfer" in e_fams and not _same_object(promise, evidence):
                return "in the works", "a concrete step was taken"
            return "kept", "delivered"
        return "in the works", "steps announced"
    if lemmas & _STEP and not neg:
        return "in the works", "a concrete step was taken"
    return None


def _same_object(promise: Doc, evidence: Doc) -> bool:
    """Whether the evidence moves the same thing the promise is about (remains, not empty cases)."""
    objects = {t.lemma_.lower() for t in promise if t.dep_ in ("dobj", "nsubjpass", "pobj") and t.pos_ == "NOUN"}
    ev = {t.lemma_.lower() for t in evidence if t.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj") and t.pos_ == "NOUN"}
    empty = any(t.lower_ == "empty" for t in evidence)
    return bool(objects & ev) and not empty


def timeline(steps: list[StatusStep]) -> list[StatusStep]:
    """Order steps by date and keep only those that change the status."""
    out: list[StatusStep] = []
    for step in sorted(steps, key=lambda s: s.as_of or date.min):
        if not out or out[-1].status != step.status:
            out.append(step)
    return out
