"""The rejection rules: a statement that calls the claim false, and a report that says so itself."""

from __future__ import annotations

from datetime import date

import pytest

from receipts.verify.rejection import falsely_reported, numbers, rejected_by, rejections
from receipts.verify.rules import RuleGate, read_lead
from receipts.verify.verifier import Candidate, ClaimInput, Verifier


def _cand(text, *, speaker=None, source="Record", day=date(2026, 7, 1), doc="d_2", kind=None):
    return Candidate(f"s_{abs(hash(text))}", doc, 0, len(text), text, speaker, source, day, speaker_kind=kind)


def _claim(text, *, speaker="Mayor Ruiz", doc="d_1", day=date(2026, 6, 1), sentence=None):
    return ClaimInput("c_1", text, speaker, "Daily", doc, day, sentence_text=sentence or text)


@pytest.fixture(scope="module")
def verifier(parse):
    return Verifier(lambda text: parse(text, None), nli=None)


def test_numbers_read_scale_words_and_skip_years():
    assert numbers("£350m a week") == {350e6}
    assert numbers("350 million pounds in 2016") == {350e6}
    assert numbers("about 317,000 riders and 1.5 million viewers") == {317000.0, 1.5e6}
    assert numbers("cut by 90%") == {90.0}


def test_a_statement_calling_the_claims_figure_misleading_rejects_it(parse):
    claim = parse("The city pays £40m to the region every week.")
    evidence = parse("The auditor said the council's claim that the city pays £40m a week is misleading.")
    found = rejected_by(claim, evidence)
    assert found is not None and found.term == "misleading"
    assert "£40m" in found.target.text


def test_no_evidence_that_rejects_the_claim(parse):
    claim = parse("Thousands of ballots were counted twice in the county.")
    evidence = parse("Election officials found no evidence that thousands of ballots were counted twice in the county.")
    assert rejected_by(claim, evidence) is not None


def test_not_true_rejects_and_not_misleading_does_not(parse):
    claim = parse("The plant released 200 tonnes of waste into the river.")
    report = "The report that the plant released 200 tonnes of waste is not"
    assert rejected_by(claim, parse(f"{report} true.")) is not None
    assert rejected_by(claim, parse(f"{report} misleading.")) is None


def test_a_rejection_held_at_a_distance_or_conditional_does_not_count(parse):
    claim = parse("The plant released 200 tonnes of waste into the river.")
    for text in (
        "The owner insisted that the report of 200 tonnes of waste was false.",
        "The owner accused reporters of false stories about 200 tonnes of waste.",
        "If the figure of 200 tonnes of waste is wrong, the fine will be cut.",
    ):
        assert rejected_by(claim, parse(text)) is None, text


def test_a_rejection_of_something_else_does_not_count(parse):
    claim = parse("The plant released 200 tonnes of waste into the river.")
    assert rejected_by(claim, parse("The union said reports about the strike were false.")) is None
    assert rejected_by(claim, parse("That is false, the owner said.")) is None  # a bare pronoun: what is "that"?


def test_a_claim_about_a_figure_is_not_rejected_by_rejecting_the_figure(parse):
    claim = parse("The £40m figure relates to gross payments before the rebate.")
    evidence = parse("The auditor said the council's claim that the city pays £40m a week is misleading.")
    assert rejected_by(claim, evidence) is None


def test_only_an_admission_counts_from_the_claimant(parse):
    claim = parse("The ridership figures showed 420,000 trips on the day.")
    evidence = parse("The agency acknowledged that the ridership figures of 420,000 trips it cited were wrong.")
    assert rejected_by(claim, evidence, claimant=True) is not None
    found = rejections(parse("The agency said that the ridership figures of 420,000 trips were wrong."))
    assert found and not found[0].admitted


def test_falsely_claimed_is_the_report_rejecting_its_claim(parse):
    sentence = parse("The senator falsely claimed that 3 million people voted twice.")
    assert falsely_reported(sentence, "3 million people voted twice") == "falsely claimed"
    plain = parse("The senator claimed that 3 million people voted twice.")
    assert falsely_reported(plain, "3 million people voted twice") is None


def test_the_verifier_keeps_an_unmeasured_rejection_as_a_lead(parse):
    claim = _claim("The city pays £40m to the region every week.")
    rejection = _cand(
        "The auditor said the council's claim that the city pays £40m a week is misleading.",
        speaker="the auditor",
        kind="person",
    )
    gated = Verifier(lambda text: parse(text, None), nli=None, gate=RuleGate(minimum=0.9))
    verdict = gated.verify(claim, [rejection])
    assert verdict.label == "NOT_ENOUGH_INFO"
    assert read_lead(verdict.reason) == ("REFUTED", "rejection-refute")
    assert "misleading" in verdict.reason


def test_a_measured_rejection_rule_settles(parse, verifier):
    claim = _claim("The city pays £40m to the region every week.")
    rejection = _cand("The auditor said the council's claim that the city pays £40m a week is misleading.")
    verdict = verifier.verify(claim, [rejection])
    assert verdict.label == "REFUTED" and verdict.evidence[0].signal == "rejection"


def test_the_claims_own_sentence_rejecting_it_is_a_narration_lead(parse, verifier):
    sentence = "The senator falsely claimed that 3 million people voted twice."
    claim = _claim("3 million people voted twice", sentence=sentence, speaker="The senator")
    own = Candidate("s_own", "d_1", 0, len(sentence), sentence, None, "Daily", date(2026, 6, 1))
    verdict = verifier.verify(claim, [own])
    assert verdict.label == "REFUTED" and verdict.evidence[0].signal == "narration"
    correction = "An earlier version of this article falsely claimed that 3 million people voted twice."
    claim = _claim("3 million people voted twice", sentence=correction, speaker=None)
    own = Candidate("s_own", "d_1", 0, len(correction), correction, None, "Daily", date(2026, 6, 1))
    assert verifier.verify(claim, [own]).label == "NOT_ENOUGH_INFO"


def test_wrong_before_a_noun_or_about_an_act_is_not_a_rejection(parse):
    assert rejections(parse("Officials said the agency sent the wrong people to the flooded district.")) == []
    assert rejections(parse("The governor said the state is wrong to ban the new pipeline.")) == []
    assert rejections(parse("She said she had done nothing wrong.")) == []


@pytest.mark.issue(14)
def test_a_demonym_and_its_country_are_one_content_word(parse):
    from receipts.verify.rejection import content_lemmas

    assert "ukraine" in content_lemmas(parse("the Ukrainian border")) & content_lemmas(parse("the border with Ukraine"))


@pytest.mark.issue(14)
def test_aspect_verbs_are_not_content(parse):
    from receipts.verify.rejection import content_lemmas

    assert content_lemmas(parse("its troops had begun withdrawing")) == {"troop", "withdraw"}
