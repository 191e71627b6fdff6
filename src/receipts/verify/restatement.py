"""A record that states the claim again: another asserter saying the same thing, figures included.

``restatement-support``: the evidence carries nearly every content word of the claim (as lemmas), every
figure of the claim, and the same polarity, and adds no figure of its own for what the claim counts. It
is corroboration only when the asserter is someone else (the verifier has already set aside the
claimant repeating itself, quotes of the same words, and content held at a distance), and its
precision is measured like every rule's before it may settle anything.
"""

from __future__ import annotations

from spacy.tokens import Doc

from receipts.verify.compare import is_negated
from receipts.verify.rejection import content_lemmas, numbers

# Entities whose words must all be carried: places, people, organisations, groups, events, laws.
_NAMED = frozenset({"GPE", "PERSON", "ORG", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
# How much of the claim's content the evidence must carry.
COVERAGE = 0.8
# A claim shorter than this in content words says too little to be restated recognisably.
MIN_WORDS = 4


_QUOTES = {'"', "“", "”", "‘", "’", "''", "``"}


def asserted_tokens(doc: Doc) -> list:
    """The tokens a sentence puts forward itself: not inside quotation marks (the words of someone else,
    or scare quotes), and not in a clause it asks about ("whether ...", "if ...")."""
    inside, quoted = False, set()
    for t in doc:
        if t.text in _QUOTES or (t.text == "'" and t.i > 0 and t.whitespace_ == "" and t.nbor(-1).whitespace_):
            inside = not inside
            continue
        if inside:
            quoted.add(t.i)
    asked = set()
    for t in doc:
        if t.dep_ == "mark" and t.lower_ in ("whether", "if"):
            asked |= {x.i for x in t.head.subtree}
    return [t for t in doc if t.i not in quoted and t.i not in asked]


def restates(claim: Doc, evidence: Doc) -> str | None:
    """What the evidence restates of the claim ("7 of 8 content words, figures 482,000"), or None."""
    words = content_lemmas(claim)
    if len(words) < MIN_WORDS:
        return None
    said = asserted_tokens(evidence)
    carried = words & content_lemmas(said)
    if len(carried) < COVERAGE * len(words):
        return None
    # every name the claim holds must be there too: "won the Indiana primary" does not restate "won Wisconsin"
    names = {t.lemma_.lower() for t in claim if t.pos_ == "PROPN" or t.ent_type_ in _NAMED}
    if not names <= {t.lemma_.lower() for t in said}:
        return None
    if is_negated(claim) != is_negated(evidence):
        return None
    figures, theirs = numbers(claim.text), numbers(evidence.text)
    if not figures <= theirs:
        return None
    if not figures and theirs:
        return None  # the record puts a figure on what the claim leaves open: not the same statement
    detail = f"{len(carried)} of {len(words)} content words"
    return detail + (f", the same figures ({', '.join(f'{v:,.0f}' for v in sorted(figures))})" if figures else "")
