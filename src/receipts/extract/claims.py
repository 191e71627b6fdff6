"""Check-worthy claims: declarative statements with a score.

v1 scores each claim unit (a sentence in the reporter's voice, or the content of
a quote inside it) with a transparent linear model over features a
fact-checker looks for: numbers, named actors, past-tense statements of what
someone did, comparisons; and against: questions, opinions, first-person
feelings and bare future intentions (those are commitments, not claims).
"""

from __future__ import annotations

import math

from spacy.language import Language
from spacy.tokens import Doc, Span as SpacySpan

from receipts.extract.canonical import canonical_form
from receipts.extract.claimtype import classify_claim_type
from receipts.extract.speakers import SpeakerResolver
from receipts.types import Claim, Quantity, Quote, Span, TimeExpr

_OPINION = frozenset("think believe feel hope wish love hate like want great terrible wonderful best worst "
                     "beautiful amazing sad happy".split())
_FACT_VERBS = frozenset("return send deliver stop begin start build kill die arrive sign increase decrease "
                        "rise fall double cut raise fund pay win lose vote approve reject launch test "
                        "dismantle destroy continue show find receive repatriate release transfer hold meet "
                        "skip cancel cost spend report".split())
WEIGHTS = {
    "bias": -1.6, "number": 1.5, "entity": 0.6, "fact_verb": 0.9, "past": 0.5, "comparative": 0.5,
    "negation": 0.3, "question": -2.5, "opinion": -1.2, "first_person_feeling": -0.8,
    "future": -0.6, "short": -1.5, "long": -0.4,
}


def claim_features(tokens: SpacySpan | list) -> dict[str, float]:
    """Return the feature vector the v1 scorer uses for one claim unit."""
    toks = [t for t in tokens if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    f = dict.fromkeys(WEIGHTS, 0.0)
    f["bias"] = 1.0
    f["number"] = float(any(t.like_num and t.ent_type_ not in ("DATE", "TIME") or t.ent_type_ in ("PERCENT", "MONEY", "QUANTITY", "CARDINAL") for t in toks))
    f["entity"] = float(any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") for t in toks))
    f["fact_verb"] = float(any(t.lemma_.lower() in _FACT_VERBS and t.pos_ == "VERB" for t in toks))
    f["past"] = float(any(t.tag_ in ("VBD", "VBN") for t in toks))
    f["comparative"] = float(any(t.tag_ in ("JJR", "RBR", "JJS", "RBS") or t.lower_ in ("than", "percent") for t in toks))
    f["negation"] = float(any(t.dep_ == "neg" or t.lower_ in ("no", "none", "never") for t in toks))
    f["question"] = float(any(t.text == "?" for t in toks))
    f["opinion"] = float(any(t.lemma_.lower() in _OPINION for t in toks))
    f["first_person_feeling"] = float(any(t.lower_ in ("i", "we") for t in toks) and f["opinion"] > 0)
    f["future"] = float(any(t.lower_ in ("will", "'ll", "would", "shall") for t in toks) and not f["past"])
    f["short"] = float(len(words) < 5)
    f["long"] = float(len(words) > 60)
    return f


def score_unit(tokens) -> float:
    """Return the v1 check-worthiness score in [0, 1]."""
    f = claim_features(tokens)
    z = sum(WEIGHTS[k] * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-z))


def _units(doc: Doc, quotes: tuple[Quote, ...]) -> list[tuple[int, int, Quote | None]]:
    """Split the document into claim units: quote fragments, or whole sentences."""
    units: list[tuple[int, int, Quote | None]] = []
    top = [q for q in quotes if q.nested_in is None]
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        inside = [q for q in top if q.content.start < e and q.content.end > s]
        if not inside:
            units.append((s, e, None))
            continue
        for q in inside:
            frags = q.fragments or (q.content,)
            for fr in frags:
                a, b = max(fr.start, s), min(fr.end, e)
                if b - a > 1:
                    units.append((a, b, q))
    return units


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    marks = " \n\t\"'\u201c\u201d\u2018\u2019,;:"
    while a < b and text[a] in marks:
        a += 1
    while b > a and text[b - 1] in marks:
        b -= 1
    return a, b


def extract_claims(doc: Doc, *, quotes=None, quantities=None, times=None, threshold: float = 0.5,
                   scorer=None, prefilter: float = 0.15) -> list[Claim]:
    """Score claim units and keep those at or above threshold.

    Needs sentences, entities, ``doc._.quotes``, ``doc._.quantities`` and ``doc._.times``. Pure.

    :param threshold: Minimum check-worthiness score, in [0, 1].
    :param scorer: A CheckworthyScorer; without one (or without its model) the v1 heuristic scores.
    :param prefilter: Units whose heuristic score is below this are not sent to the model.
    :raises ValueError: When threshold is outside [0, 1].
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], got {threshold}")
    quotes = doc._.quotes if quotes is None else quotes
    quantities: tuple[Quantity, ...] = doc._.quantities if quantities is None else quantities
    times: tuple[TimeExpr, ...] = doc._.times if times is None else times
    candidates = []
    seen: set[tuple[int, int]] = set()
    for a, b, quote in _units(doc, quotes):
        a, b = _strip(doc.text, a, b)
        if b - a < 12 or (a, b) in seen:
            continue
        seen.add((a, b))
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            continue
        candidates.append((a, b, quote, score_unit(span)))
    method = "claims.heuristic.v1"
    if scorer is not None and scorer.available:
        method = scorer.method
        todo = [i for i, c in enumerate(candidates) if c[3] >= prefilter]
        model_scores = scorer.scores([doc.text[candidates[i][0] : candidates[i][1]] for i in todo]) if todo else []
        scored = {i: float(s) for i, s in zip(todo, model_scores)}
        candidates = [(a, b, q, scored.get(i, 0.0)) for i, (a, b, q, _) in enumerate(candidates)]
    out: list[Claim] = []
    resolver = SpeakerResolver(doc, doc._.mentions)
    for a, b, quote, score in candidates:
        if score < threshold:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        in_q = tuple(q for q in quantities if a <= q.span.start < b)
        in_t = tuple(t for t in times if a <= t.span.start < b)
        canonical = canonical_form(span, resolver=resolver, quantities=in_q, times=in_t, said_on=doc._.published,
                                   speaker=quote.speaker.name if quote and quote.speaker else None)
        out.append(Claim(
            span=Span(a, b, doc.text[a:b]),
            score=round(score, 4),
            speaker=quote.speaker if quote else None,
            quantities=in_q,
            times=in_t,
            method=method,
            canonical=canonical,
            claim_type=classify_claim_type(span) if in_q else None,
        ))
    return out


@Language.factory("receipts_claims", requires=["doc.sents", "doc._.quotes", "doc._.quantities", "doc._.times"],
                  assigns=["doc._.claims"], default_config={"threshold": 0.5, "model": "builtin"})
def make_claims(nlp: Language, name: str, threshold: float, model: str):
    from receipts.extract.checkworthy import CheckworthyScorer

    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], got {threshold}")
    scorer = CheckworthyScorer(model)

    def claims(doc: Doc) -> Doc:
        doc._.claims = tuple(extract_claims(doc, threshold=threshold, scorer=scorer))
        return doc

    return claims
