"""``rejection-refute`` calls found wrong by forcing the gate open on the dev stories (issue 14, session 27):
a claim that reports someone else's words, and a verb of contradiction whose object is people."""

from __future__ import annotations

import pytest

from receipts.verify.rejection import rejected_by, rejections


@pytest.mark.issue(14)
def test_a_claim_that_reports_someone_elses_words_is_not_refuted_by_rejecting_the_words(parse):
    claim = parse('Halvorsen had said "the agency was watching his campaign."')
    evidence = parse("Investigators found no evidence to support claims that the agency was watching his campaign.")
    assert rejected_by(claim, evidence) is None


@pytest.mark.issue(14)
def test_the_words_themselves_are_still_refuted(parse):
    claim = parse("The agency was watching his campaign.")
    evidence = parse("Investigators found no evidence to support claims that the agency was watching his campaign.")
    found = rejected_by(claim, evidence)
    assert found is not None and found.term == "no evidence"


@pytest.mark.issue(14)
def test_contradicting_people_rejects_none_of_their_statements(parse):
    sentence = parse(
        "The findings contradict the president and his backers, who had said the report would show that the "
        "inquiry broke the rules."
    )
    assert not [r for r in rejections(sentence) if "president" in r.target.text]
    claim = parse("Opening the inquiry was in line with the rules.")
    assert rejected_by(claim, sentence) is None


@pytest.mark.issue(14)
def test_contradicting_a_statement_still_rejects_it(parse):
    sentence = parse("The report contradicted claims that the bridge was closed for repairs.")
    assert rejections(sentence)
