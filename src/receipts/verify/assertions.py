"""Evidence is an attributed assertion: who asserts a sentence's content, and how.

A sentence in the record is evidence about the world only when someone asserts its content. Content
held at a distance by its own sentence ("Trump has repeatedly insisted that the election is rigged",
"the president bragged that 200 had been sent back", "his claim that ...") is evidence that it was
said, not that it is true. Correction notices ("An earlier version of this article said ...") restate
what an article got wrong. Headlines restate the article they top. None of these can support or
refute a claim; they are kept as leads for a reviewer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

# Reporting verbs that keep their content at a distance: the reporter does not stand behind it.
DISTANCING_VERBS = frozenset(
    {
        "claim",
        "insist",
        "allege",
        "brag",
        "boast",
        "contend",
        "purport",
        "speculate",
        "suggest",
        "argue",
        "maintain",
        "assert",
        "believe",
        "think",
        "predict",
        "hope",
        "promise",
        "vow",
        "pledge",
        "swear",
        "accuse",
        "charge",
        "suspect",
        "rumor",
        "rumour",
        "tweet",
    }
)
# Those that hold their content at a distance even without a clause ("he bragged about the returns").
_DISTANCING_ALONE = frozenset({"claim", "insist", "allege", "brag", "boast", "contend", "purport"})
# Nouns that do the same: "the claim that ...", "allegations that ...".
DISTANCING_NOUNS = frozenset(
    {
        "claim",
        "allegation",
        "assertion",
        "boast",
        "accusation",
        "rumor",
        "rumour",
        "theory",
        "suggestion",
        "contention",
        "promise",
        "pledge",
        "vow",
    }
)
_CORRECTION = re.compile(
    r"\b(?:an?\s+)?(?:earlier|previous|prior)\s+version\s+of\s+this\b"
    r"|\bthis\s+(?:article|story|report|post)\s+(?:has\s+been|was)\s+(?:updated|corrected|amended)\b"
    r"|^\s*(?:correction|clarification|update)\s*[:—–-]",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Assertion:
    """How a sentence bears on the world.

    ``kind`` is ``asserted`` (narration, or a source stating it), ``distanced`` (content under a
    distancing cue: evidence that it was said), ``correction`` (a correction notice) or ``headline``.
    """

    kind: str
    cue: str | None = None

    @property
    def counts(self) -> bool:
        """Whether the sentence may support or refute a claim."""
        return self.kind == "asserted"


def is_correction(text: str) -> bool:
    """A correction notice about the article itself ("An earlier version of this story said ...")."""
    return bool(_CORRECTION.search(text))


def distancing_cue(doc: Doc) -> Token | None:
    """The cue that holds the sentence's main content at a distance, if any.

    A distancing verb counts when it governs a clause ("insisted that ...", "bragged ... had already
    returned") or is the sentence's root; a distancing noun when a clause hangs from it ("the claim
    that ..."). Negated cues are left alone ("did not claim" is no distance from anything asserted).
    """
    for t in doc:
        lemma = t.lemma_.lower()
        clause = any(c.dep_ in ("ccomp", "xcomp", "acl", "advcl") and c.pos_ in ("VERB", "AUX") for c in t.children)
        if (
            t.pos_ == "VERB"
            and lemma in DISTANCING_VERBS
            and (clause or t.dep_ == "ROOT" and lemma in _DISTANCING_ALONE)
        ):
            if not any(c.dep_ == "neg" for c in t.children):
                return t
        if t.pos_ == "NOUN" and lemma in DISTANCING_NOUNS and clause:
            return t
    return None


def assess(doc: Doc, *, title: str | None = None) -> Assertion:
    """Say how one sentence of the record bears on the world (see the module docstring)."""
    text = doc.text
    if is_correction(text):
        return Assertion("correction")
    if title and " ".join(title.split()).lower() == " ".join(text.split()).lower():
        return Assertion("headline")
    cue = distancing_cue(doc)
    if cue is not None:
        return Assertion("distanced", cue.text)
    return Assertion("asserted")
