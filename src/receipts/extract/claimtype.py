"""What kind of numeric claim a sentence makes: temporal, statistical, comparison or interval.

The categories follow the QuanTemp taxonomy. Rules over the parse, checked in order:
interval (a range or a bound), comparison (a comparative or a change), temporal (a date or
a duration is what the claim is about), else statistical.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

CLAIM_TYPES = ("temporal", "statistical", "comparison", "interval")
_INTERVAL = re.compile(
    r"\b(between\s+\S+\s+and|from\s+\S+\s+to|\d+\s*(?:-|–|to)\s*\d+|"
    r"up to|at most|at least|no more than|no less than|within|range)\b",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(than|compared|comparison|times (?:more|less|as)|twice|double[ds]?|triple[ds]?|half as|"
    r"increase[ds]?|decrease[ds]?|rose|fell|risen|fallen|grew|dropped|higher|lower|more|less|fewer|"
    r"largest|smallest|highest|lowest|most|least)\b",
    re.I,
)


def classify_claim_type(span: SpacySpan) -> str:
    """Return the QuanTemp-style type of a claim unit."""
    text = span.text
    has_date = any(t.ent_type_ in ("DATE", "TIME") for t in span)
    has_count = any(
        t.ent_type_ in ("CARDINAL", "PERCENT", "MONEY", "QUANTITY")
        or (t.like_num and t.ent_type_ not in ("DATE", "TIME"))
        for t in span
    )
    if _INTERVAL.search(text) and has_count:
        return "interval"
    if _COMPARISON.search(text) and (has_count or any(t.tag_ in ("JJR", "RBR") for t in span)):
        return "comparison"
    if has_date and not (has_count and any(t.ent_type_ in ("PERCENT", "MONEY") for t in span)):
        return "temporal"
    return "statistical"
