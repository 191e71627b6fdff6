"""Transparent features and the v1 linear score of a claim unit."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from receipts.nlp.syntax import FUTURE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

_OPINION = frozenset(
    "think believe feel hope wish love hate like want great terrible wonderful best worst "
    "beautiful amazing sad happy".split()
)
_FACT_VERBS = frozenset(
    "return send deliver stop begin start build kill die arrive sign increase decrease "
    "rise fall double cut raise fund pay win lose vote approve reject launch test "
    "dismantle destroy continue show find receive repatriate release transfer hold meet "
    "skip cancel cost spend report".split()
)
WEIGHTS = {
    "bias": -1.6,
    "number": 1.5,
    "entity": 0.6,
    "fact_verb": 0.9,
    "past": 0.5,
    "comparative": 0.5,
    "negation": 0.3,
    "question": -2.5,
    "opinion": -1.2,
    "first_person_feeling": -0.8,
    "future": -0.6,
    "short": -1.5,
    "long": -0.4,
}


def claim_features(tokens: SpacySpan | list) -> dict[str, float]:
    """Return the feature vector the v1 scorer uses for one claim unit."""
    toks = [t for t in tokens if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    f = dict.fromkeys(WEIGHTS, 0.0)
    f["bias"] = 1.0
    f["number"] = float(
        any(
            t.like_num
            and t.ent_type_ not in ("DATE", "TIME")
            or t.ent_type_ in ("PERCENT", "MONEY", "QUANTITY", "CARDINAL")
            for t in toks
        )
    )
    f["entity"] = float(any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") for t in toks))
    f["fact_verb"] = float(any(t.lemma_.lower() in _FACT_VERBS and t.pos_ == "VERB" for t in toks))
    f["past"] = float(any(t.tag_ in ("VBD", "VBN") for t in toks))
    f["comparative"] = float(
        any(t.tag_ in ("JJR", "RBR", "JJS", "RBS") or t.lower_ in ("than", "percent") for t in toks)
    )
    f["negation"] = float(any(t.dep_ == "neg" or t.lower_ in ("no", "none", "never") for t in toks))
    f["question"] = float(any(t.text == "?" for t in toks))
    f["opinion"] = float(any(t.lemma_.lower() in _OPINION for t in toks))
    f["first_person_feeling"] = float(any(t.lower_ in ("i", "we") for t in toks) and f["opinion"] > 0)
    f["future"] = float(any(t.lower_ in FUTURE_WORDS for t in toks) and not f["past"])
    f["short"] = float(len(words) < 5)
    f["long"] = float(len(words) > 60)
    return f


def score_unit(tokens) -> float:
    """Return the v1 check-worthiness score in [0, 1]."""
    f = claim_features(tokens)
    z = sum(WEIGHTS[k] * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-z))
