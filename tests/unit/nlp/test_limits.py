"""Limits on the work one document costs: sentence length and count, runs without spaces, time."""

from __future__ import annotations

import time

import pytest
import spacy

from receipts.nlp.limits import (
    BudgetExceeded,
    LimitExceeded,
    RunLimitedTokenizer,
    estimate_sentences,
    sentence_starts,
    time_limit,
)

pytestmark = pytest.mark.issue(16)


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def test_sentence_starts_cut_a_text_with_no_sentence_end(blank):
    doc = blank("the plan and the budget would " * 40)
    starts = sentence_starts(doc, max_chars=100)
    bounds = [0, *(doc[i].idx for i in starts), len(doc.text)]
    assert starts and max(len(doc.text[a:b].strip()) for a, b in zip(bounds, bounds[1:])) <= 100


def test_sentence_starts_prefer_a_comma_in_the_second_half(blank):
    doc = blank("word " * 14 + "then, " + "more " * 20)
    (first, *_) = sentence_starts(doc, max_chars=100)
    assert doc[first - 1].text == ","


def test_sentence_starts_leave_short_sentences_alone(blank):
    assert sentence_starts(blank("A short one. Another short one! " * 50), max_chars=100) == []


def test_sentence_starts_bad_max_chars(blank):
    with pytest.raises(ValueError, match="at least 10"):
        sentence_starts(blank("x"), max_chars=5)


def test_document_limits_refuse_too_many_sentences():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    from receipts.nlp import limits  # noqa: F401 - registers the factory

    nlp.add_pipe("receipts_document_limits", config={"max_sentences": 3})
    nlp("One. Two. Three.")
    with pytest.raises(LimitExceeded, match="4 sentences, over the limit of 3"):
        nlp("One. Two. Three. Four.")


def test_run_limited_tokenizer_cuts_a_run_and_keeps_the_text(blank):
    tokenizer = RunLimitedTokenizer(blank.tokenizer, max_run=20)
    text = "Before & " + "&" * 55 + " after, the end."
    doc = tokenizer(text)
    assert doc.text == text
    assert [t.text for t in doc][2:5] == ["&" * 20, "&" * 20, "&" * 15]
    assert [t.text for t in doc][-3:] == ["the", "end", "."]


def test_run_limited_tokenizer_is_linear_in_the_run(blank):
    tokenizer = RunLimitedTokenizer(blank.tokenizer)
    started = time.monotonic()
    tokenizer("&" * 200_000)
    assert time.monotonic() - started < 5  # spaCy alone: minutes


def test_estimate_sentences():
    assert estimate_sentences("Yes. " * 10) == 10
    assert estimate_sentences('He said "no." Then left!\n\nNew para. U.S. policy') == 5
    assert estimate_sentences("no end at all") == 1


def test_time_limit_stops_a_slow_block():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded, match="over the time budget of 0.2 s"):
        with time_limit(0.2):
            while True:
                pass
    assert time.monotonic() - started < 2


def test_time_limit_none_is_no_limit():
    with time_limit(None):
        time.sleep(0.01)
