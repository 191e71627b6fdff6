"""Syntax the stages share: who is the subject of a verb, whether it is negated, future or modal
wording, and the nouns that name gatherings.

Every stage that asks one of these questions asks it here, so a fix to (say) subject finding
reaches quotes, commitments and promise claims at once.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# Auxiliaries that put a clause in the future or the conditional ("will meet", "would return").
FUTURE_WORDS = frozenset({"will", "would", "shall", "'ll"})
# ... and those that only make it possible ("could", "may", "might").
MODAL_WORDS = FUTURE_WORDS | {"could", "may", "might"}
NEGATION_WORDS = frozenset({"never", "not", "n't"})
# A plan or an expectation said in so many words, in plain text (no parse needed).
FUTURE_PATTERN = re.compile(r"\b(will|would|shall|'ll|expects?|plans?)\b", re.I)

# Nouns that name a gathering of parties: "the summit", "talks", "the handover".
GATHERING_NOUNS = frozenset({"meeting", "summit", "talk", "talks", "handover", "session"})

_SUBJECTS = ("nsubj", "nsubjpass")


def subject(
    verb: Token,
    *,
    climb: tuple[str, ...] = ("xcomp", "conj"),
    hops: int = 10,
    inverted: bool = False,
    verbal_heads: bool = False,
) -> Token | None:
    """The subject of a verb, looking up through the clauses it hangs from.

    :param climb: Dependency labels through which a verb without a subject takes its head's
        ("promised to return": "return" takes the subject of "promised").
    :param hops: How many heads to climb at most.
    :param inverted: Also accept a name or pronoun right of the verb as subject, for an inverted
        reporting cue parsed as its object ("…, said Kim").
    :param verbal_heads: Climb only to heads that are verbs or auxiliaries.
    """
    for _ in range(hops + 1):
        found = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if found is not None:
            return found
        if inverted:
            found = next((c for c in verb.rights if c.dep_ in ("dobj", "attr") and c.pos_ in ("PROPN", "PRON")), None)
            if found is not None:
                return found
        if verb.dep_ not in climb or verb.head is verb:
            return None
        if verbal_heads and verb.head.pos_ not in ("VERB", "AUX"):
            return None
        verb = verb.head
    return None


def negated(verb: Token) -> bool:
    """Whether a verb (or the verb it completes, for "failed to keep") carries a negation."""
    chain = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "pcomp") else [])
    return any(c.dep_ == "neg" or c.lower_ in NEGATION_WORDS for v in chain for c in v.children)


def has_aux(verb: Token, words: frozenset[str] | set[str]) -> bool:
    """Whether one of the verb's own children is one of ``words`` ("will" in "will return")."""
    return any(c.lower_ in words for c in verb.children)
