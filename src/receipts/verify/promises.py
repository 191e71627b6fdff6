"""Promise status over time, from later evidence: the six statuses of a promise meter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from receipts.verify.assertions import assess
from receipts.verify.compare import FAMILIES, OPPOSITE, is_negated, key_lemmas, verb_families

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
    actor_names: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """Return ``(status, reason)`` that one later statement implies for a promise, or None if unrelated.

    :param actor_words: The promiser's own name; sharing only that with the evidence is not enough.
    :param actor_names: Every name the promiser goes by (lower case: "north korea", "pyongyang"), so
        that an act by "Pyongyang" is an act by North Korea.
    """
    shared = (key_lemmas(promise) - actor_words) & key_lemmas(evidence)
    p_fams, e_fams = verb_families(promise), verb_families(evidence)
    names_promiser = bool(actor_words & {t.lower_ for t in evidence})
    if not shared or (len(shared) < 2 and not names_promiser and not p_fams & e_fams):
        return None  # one shared word is not the same act ("overturn a ruling" vs "scrap a tax")
    if not assess(evidence).counts:
        return None  # someone else's vow, a boast or a correction moves no promise
    if not about_the_promised_act(promise, evidence, actor_words | actor_names):
        return None  # another actor's act, or another act: it moves nothing
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


def about_the_promised_act(promise: Doc, evidence: Doc, promiser: frozenset[str]) -> bool:
    """Whether a statement is about the promiser (or nobody named) doing, or not doing, the promised act
    to the promised thing: a verb of the promise's family or its opposite ("return" for "send back",
    "skipped" for "hold a meeting"), whose phrase holds a noun of the promise, and whose agent, if the
    statement names one, is the promiser. "No remains have been returned" is about it; "the governor
    scrapped the rules" is not about a senator's vow to overturn a ruling, and "Rivera's party returned
    the donations" is not about Senator Cole returning donations.

    :param promiser: The promiser's names and name words, lower case.
    """
    p_fams = verb_families(promise)
    # the act itself, its opposite, and what is done toward it or against it: a step ("signed the
    # contract for the homes"), a refusal, a cancellation or an abandonment of the promised thing
    wanted = p_fams | {b for a, b in OPPOSITE if a in p_fams} | {"skipped", "stop", "step", "refusal"}
    objects = key_lemmas(promise) - promiser
    for t in evidence:
        lemma = t.lemma_.lower()
        if t.pos_ == "NOUN" and lemma in _PLANNING:  # "no plan and no date for the new terminal"
            verb = next((a for a in t.ancestors if a.pos_ in ("VERB", "AUX")), None)
            agent = _agent(verb) if verb is not None else None
            if {g.lemma_.lower() for g in t.subtree} & objects and (
                agent is None or _names(agent, promiser) or not _named(agent)
            ):
                return True
            continue
        if t.pos_ != "VERB" and not (t.dep_ == "amod" and lemma in FAMILIES["skipped"]):
            continue
        fams = {f"verb:{lemma}"} | {fam for fam, words in FAMILIES.items() if lemma in words}
        fams |= {"step"} if lemma in _STEP else set()
        fams |= {"refusal"} if lemma in _REFUSAL else set()
        if lemma in ("hold", "take") or t.dep_ == "amod":
            fams |= verb_families(evidence) & {"held", "skipped"}
        if not fams & wanted:
            continue
        phrase = t.head if t.dep_ == "amod" else t
        theme = _objects(phrase, amod=t.dep_ == "amod")
        agent = _agent(phrase)
        if agent is not None and {g.lemma_.lower() for g in agent.subtree} & objects:
            # the promised thing is the subject: "the new wing has not opened", "construction of the line began"
            theme, agent = theme | {g.lemma_.lower() for g in agent.subtree}, None
        if not theme & objects:
            continue
        if agent is None or _names(agent, promiser) or not _named(agent):
            return True
    return False


_OBJECT_DEPS = ("dobj", "nsubjpass", "attr", "oprd", "dative", "xcomp")
# Nouns of the planning toward an act: "no plan and no date for the terminal".
_PLANNING = frozenset({"plan", "date", "timetable", "schedule", "funding", "contract", "deadline"})


def _objects(head: Token, *, amod: bool) -> set[str]:
    """The lemmas of what an act is done to: the noun an adjective describes ("the skipped meeting"), or
    the verb's object and passive subject with their phrases, not its adjuncts ("after the gala")."""
    if amod:
        return {c.lemma_.lower() for c in head.subtree}
    return {g.lemma_.lower() for c in head.children if c.dep_ in _OBJECT_DEPS for g in c.subtree}


def _agent(verb: Token) -> Token | None:
    """Who does the act: the subject of an active verb, the "by" phrase of a passive one, else None."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _names(agent: Token, promiser: frozenset[str]) -> bool:
    words = [t.lower_ for t in agent.subtree]
    text = " ".join(words)
    return any(w in promiser for w in words if len(w) > 2) or any(n in text for n in promiser if " " in n)


def _named(agent: Token) -> bool:
    """Whether the agent names someone (a name or a named body), not a description ("one delegation")."""
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in agent.subtree)


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
