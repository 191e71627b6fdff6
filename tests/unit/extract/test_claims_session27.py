"""Claim units the rules used to turn away on the real stories (issue 15, session 27): a whole quotation
the parser hung on the cue after it, a quotation that ran into the writer's "and", a belief in a finding."""

from __future__ import annotations

import pytest

from receipts.extract.claims import _drop_tail
from receipts.extract.claims_rules import is_cut_off, is_judgement, rejected_by


def _unit(parse, text, words):
    doc = parse(text)
    start = text.index(words)
    return doc.char_span(start, start + len(words), alignment_mode="expand")


@pytest.mark.issue(15)
def test_a_whole_quotation_is_not_cut_off_by_a_misparse_across_its_closing_mark(parse):
    text = (
        '"Let me be very clear: I have never taken funds for personal gain as alleged by my political opponents - '
        'whether from 1MDB, SRC International or other entities, as these companies have confirmed," Najib wrote '
        "on his Facebook page."
    )
    words = text[1 : text.index(',"')]
    unit = _unit(parse, text, words)
    assert not is_cut_off(unit)


@pytest.mark.issue(15)
def test_a_phrase_cut_off_inside_the_writers_sentence_still_is(parse):
    text = "Mexico slapped retaliatory tariffs on American pork last year."
    assert is_cut_off(_unit(parse, text, "Mexico slapped retaliatory"))


@pytest.mark.issue(15)
def test_a_quoted_phrase_inside_the_writers_sentence_is_not_taken_for_a_whole_quotation(parse):
    text = 'The company said its upcoming quarterly report was "looking great," only weeks before the collapse.'
    assert rejected_by(_unit(parse, text, "looking great")) is not None


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("text", "end"),
    [
        ('the speed at which this is being addressed is far too slow", and', "far too slow"),
        ("the money was spent on roads and", "on roads"),
        ("the money was spent on roads and bridges", "bridges"),
    ],
)
def test_drop_tail_ends_a_quotation_before_the_writers_conjunction(text, end):
    a, b = _drop_tail(text, 0, len(text))
    assert text[a:b].endswith(end)


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text",
    [
        "We believe he has, in fact, reconstituted nuclear weapons.",
        "We believe that the murder was premeditated.",
        "Investigators think the fire was started deliberately.",
    ],
)
def test_a_belief_in_a_finding_about_the_past_is_no_judgement(parse, text):
    assert not is_judgement(next(parse(text).sents))


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "text",
    [
        "I think we will win the state.",  # a forecast
        "I believe a deal can be done by October.",  # a modal
        "I think he was a wonderful president.",  # the content judges
        "We believe in lower taxes.",  # no clause at all
        "I want the report to be published.",  # a wish
    ],
)
def test_beliefs_that_judge_or_foresee_stay_judgements(parse, text):
    sent = next(parse(text).sents)
    assert is_judgement(sent) or rejected_by(sent) is not None
