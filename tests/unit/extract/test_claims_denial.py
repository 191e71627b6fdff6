"""``quoted_denial``: a named speaker's denial that something happened is a claim (issue 15, session 21)."""

from __future__ import annotations

import pytest

from receipts.extract.claims import DENIAL_FLOOR, finish_claims
from receipts.extract.claims_rules import is_denial
from receipts.types import Quote, Span, Speaker


def _sentence(parse, text):
    return next(parse(text).sents)


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text",
    [
        "I did not email any classified material to anyone.",
        "None of the messages were marked secret at the time.",
        "Ostravia had nothing to do with the poisoning.",
        "I wasn't running the fund.",
        "I have never taken banned drugs.",
    ],
)
def test_denials_of_what_happened_or_holds(parse, text):
    assert is_denial(_sentence(parse, text))


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text",
    [
        "I don't think the plan will work.",  # an opinion
        "We will not raise taxes.",  # a pledge
        "The board could not approve the deal.",  # a modal
        "Prices fell by a third last year.",  # not a denial
        "He is not going to resign.",  # a forecast
        "Bombast doesn't cut it.",  # present: a view more often than a fact
        "The minister had no plans to meet them.",  # a plan, not an act
    ],
)
def test_not_denials(parse, text):
    assert not is_denial(_sentence(parse, text))


@pytest.mark.issue(15)
def test_a_named_speaker_s_denial_is_kept_below_the_threshold_and_says_so(parse):
    text = '"I did not email any classified material to anyone," Ferro said.'
    doc = parse(text)
    a, b = 1, text.index(',"')
    ferro = Speaker("Tomas Ferro", "person", Span(text.index("Ferro"), text.index("Ferro") + 5, "Ferro"))
    quote = Quote(content=Span(a, b, text[a:b]), speaker=ferro, cue=None, direct=True)
    low = [[a, b, quote, DENIAL_FLOOR + 0.1, True]]
    [claim] = finish_claims(doc, low, threshold=0.5, method="claims.model")
    assert claim.method == "claims.model+quoted_denial" and claim.score == pytest.approx(DENIAL_FLOOR + 0.1)
    assert finish_claims(doc, [[a, b, quote, DENIAL_FLOOR - 0.05, True]], threshold=0.5, method="m") == []
    unnamed = Quote(content=quote.content, speaker=Speaker("sources", "unknown", ferro.span), cue=None, direct=True)
    assert finish_claims(doc, [[a, b, unnamed, DENIAL_FLOOR + 0.1, True]], threshold=0.5, method="m") == []


@pytest.mark.issue(15)
def test_a_unit_begun_before_a_participle_of_saying_starts_at_what_is_said(parse):
    from receipts.extract.claims import _past_saying

    doc = parse("Ostrava confirmed that the envoy died in its embassy in Korvi, saying he was killed in a fight.")
    a = doc.text.index("Korvi,")
    start, end = _past_saying(doc, a, len(doc.text) - 1)
    assert doc.text[start:end] == "he was killed in a fight"


@pytest.mark.issue(15)
def test_a_unit_with_a_clause_before_the_participle_keeps_it(parse):
    from receipts.extract.claims import _past_saying

    doc = parse("The court found the posts were inaccurate, finding that there was nothing concrete.")
    a = doc.text.index("the posts")
    assert _past_saying(doc, a, len(doc.text) - 1) == (a, len(doc.text) - 1)
