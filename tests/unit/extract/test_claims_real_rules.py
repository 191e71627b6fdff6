"""Claim units and rules from the real-news pass of issue #15: tagger holes in a content, sums of
money in a "will" clause, quotations run together, reported questions, relative clauses.

Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from receipts.extract.claims import _units, claim_candidates
from receipts.extract.claims_rules import RULES, rejected_by
from receipts.types import Quote, Span, Speaker

pytestmark = pytest.mark.issue(15)


def _unit(parse, text: str, part: str | None = None):
    doc = parse(text)
    if part is None:
        return doc[:]
    start = doc.text.index(part)
    return doc.char_span(start, start + len(part), alignment_mode="expand")


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def _quote(text: str, content: str, pieces: tuple[str, ...], cue: str, speaker: str) -> Quote:
    return Quote(
        content=_span(text, content),
        speaker=Speaker(speaker, span=_span(text, speaker)),
        cue=_span(text, cue),
        direct=text[text.index(content)] == '"',
        fragments=tuple(_span(text, p) for p in pieces),
    )


def test_new_rules_are_in_the_table():
    names = {r.name for r in RULES}
    assert {"runs_into_quote", "indirect_question"} <= names


def test_a_hole_the_tagger_left_inside_a_content_is_filled(parse):
    text = "A spokeswoman said city data show that rents have stayed flat since the mill closed."
    doc = parse(text)
    content = "city data show that rents have stayed flat since the mill closed"
    quote = _quote(
        text, content, ("city", "show that rents have stayed flat since the mill closed"), "said", "A spokeswoman"
    )
    units = [text[a:b] for a, b, q in _units(doc, (quote,)) if q is quote]
    assert units == [content]
    cands = claim_candidates(doc, quotes=(quote,))
    assert [text[c[0] : c[1]] for c in cands] == [content]


def test_the_pieces_of_a_quote_split_by_its_speaker_stay_apart(parse):
    text = '"Rents rose by a third," the mayor said, "and wages fell by a tenth."'
    doc = parse(text)
    quote = _quote(
        text,
        text[: text.rindex('"') + 1],
        ('"Rents rose by a third,"', '"and wages fell by a tenth."'),
        "said",
        "the mayor",
    )
    units = [text[a:b] for a, b, q in _units(doc, (quote,)) if q is quote]
    assert units == ['"Rents rose by a third,"', '"and wages fell by a tenth."']


def test_a_sum_of_money_in_a_will_clause_is_an_estimate_not_a_forecast(parse):
    assert rejected_by(_unit(parse, "The new stadium will cost the city $400 million.")) is None


def test_a_will_clause_without_money_is_still_a_forecast(parse):
    assert rejected_by(_unit(parse, "The harbour will handle three million containers next year.")) == "forecast"


def test_a_bound_that_is_a_noun_is_not_a_forecast(parse):
    text = "They told reporters that the 40 to 60 range was only the lower bound of their estimate."
    assert rejected_by(_unit(parse, text, "that the 40 to 60 range was only the lower bound of their estimate")) is None


@pytest.mark.parametrize(
    "text", ["Rents are bound to rise by a third next year.", "The council is set to raise the levy by 4 percent."]
)
def test_bound_and_set_with_a_verb_still_forecast(parse, text):
    assert rejected_by(_unit(parse, text)) == "forecast"


def test_a_colon_running_into_a_quotation_is_turned_away(parse):
    text = "The union described the effect of the levy on farmers: \u201cOur members lost half their income.\u201d"
    assert rejected_by(_unit(parse, text)) == "runs_into_quote"


def test_a_colon_before_a_plain_clause_is_not_a_quotation(parse):
    text = "The levy had one effect: farmers lost half their income in 2023."
    assert rejected_by(_unit(parse, text)) is None


@pytest.mark.parametrize(
    "text,part",
    [
        ("The aide did not explain why the council closed the library.", "why the council closed the library"),
        ("Reporters asked whether the ferry company paid the fine.", "whether the ferry company paid the fine"),
    ],
)
def test_a_reported_question_is_not_a_claim(parse, text, part):
    assert rejected_by(_unit(parse, text, part)) == "indirect_question"


def test_a_how_clause_after_showed_states_a_fact(parse):
    text = "The audit showed how the fund lost 3 million dollars in 2019."
    assert rejected_by(_unit(parse, text, "how the fund lost 3 million dollars in 2019")) is None


def test_a_noun_phrase_whose_clauses_sit_in_its_relative_clause_is_a_fragment(parse):
    text = "Reporters asked about the remarks the mayor made after the vote failed."
    assert rejected_by(_unit(parse, text, "the remarks the mayor made after the vote failed")) == "fragment"


def test_a_clause_beside_a_quote_in_one_sentence_is_a_unit_of_its_own(parse):
    text = "The panel puts the flow at 12,000 barrels a day; two members said it could be far more."
    doc = parse(text)
    quote = _quote(text, "it could be far more", ("it could be far more",), "said", "two members")
    units = [(text[a:b], q) for a, b, q in _units(doc, (quote,))]
    assert ("The panel puts the flow at 12,000 barrels a day;", None) in units
    assert not any(u.startswith("two members") for u, q in units if q is None)


def test_a_clause_that_only_introduces_a_quotation_is_not_a_unit(parse):
    text = 'The governor added: "The levy rose by a third."'
    doc = parse(text)
    quote = _quote(text, '"The levy rose by a third."', ('"The levy rose by a third."',), "added", "The governor")
    assert [text[a:b] for a, b, q in _units(doc, (quote,)) if q is None] == []


def test_a_figure_reported_as_a_noun_phrase_is_claimed_with_its_report(parse):
    text = "Using three methods, the group puts its best estimate of the flow between 12,000 and 19,000 barrels a day."
    doc = parse(text)
    content = "the flow between 12,000 and 19,000 barrels a day"
    quote = _quote(text, content, (content,), "puts its best estimate of", "the group")
    units = [text[a:b] for a, b, q in _units(doc, (quote,)) if q is None]
    assert "the group puts its best estimate of the flow between 12,000 and 19,000 barrels a day" in units


def test_a_number_in_a_hyphenated_descriptor_is_not_a_reported_figure(parse):
    text = "The two leaders signed a four-point statement on Friday."
    doc = parse(text)
    quote = _quote(text, "a four-point statement", ("a four-point statement",), "signed", "The two leaders")
    assert [text[a:b] for a, b, q in _units(doc, (quote,)) if q is None] == []
