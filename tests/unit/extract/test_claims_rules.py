"""The named rules that keep non-statements out of the check-worthy claims (issue #15).

Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from receipts.extract.claims_rules import RULES, rejected_by

pytestmark = pytest.mark.issue(15)


def _unit(parse, text: str, part: str | None = None):
    doc = parse(text)
    if part is None:
        return doc[:]
    start = doc.text.index(part)
    return doc.char_span(start, start + len(part), alignment_mode="expand")


def test_rules_have_unique_names():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    "text,rule",
    [
        ("Why did the council spend 40 million on a bridge nobody uses?", "question"),
        ("4 Check the fees on your pension every year.", "instruction"),
        ("Don't forget that the deadline for the rebate is in March.", "instruction"),
        ("Rising rents across the northern suburbs.", "fragment"),
        ("And the answer comes down to three words:", "lead_in"),
        ("Borrowers should lock in a fixed rate before the summer.", "advice"),
        ("Fuel prices will rise by 8 percent next year.", "forecast"),
        ("Turnout is likely to be even lower in the rural districts.", "forecast"),
        ("The mayor's remarks were a disgrace.", "judgement"),
        ("Most parents want smaller classes for their children.", "judgement"),
        ("The governor's speeches are lies and half-truths.", "judgement"),
        ("The unions are to blame for the delays at the port.", "judgement"),
        ("The council is spending more on roads and it is incapable of fixing the bridges.", "judgement"),
        ("Rising river levels could flood two thousand homes in the delta.", "speculation"),
        ("The new levy might discourage small traders from opening shops.", "speculation"),
        ("Many retailers offer discounts to loyal customers.", "vague_group"),
        ("Some analysts are eager to see the merger approved quickly.", "vague_group"),
        ("Mayor Plans for Harbour Are Bold but Costly.", "heading"),
        ("The mayor deserves a second term in the town hall.", "judgement"),
    ],
)
def test_non_statements_are_turned_away_by_their_rule(parse, text, rule):
    assert rejected_by(_unit(parse, text)) == rule


@pytest.mark.parametrize(
    "text",
    [
        "The council spent 40 million on the bridge in 2019.",
        "Unemployment in the province fell to 6.1 percent in May.",
        "The minister signed the order on Tuesday, and the mill closed a week later.",
        "All guidance was followed at the depot.",  # a quantity of one thing, not an unnamed group
        "Nearly 60 percent of parents want smaller classes, the survey found.",
        "The plan would cost the treasury 12 billion over a decade.",
        "Only 31 Percent of the Fund's Donors Gave Less Than $100.",
        "The clerk could not find the ledger because the archive had burned in 2019.",
        "The audit found the mayor may have spent 2 million on the contract.",
        "Many of the country's biggest airlines have cut flights this year.",
        "The ruling was justified by the evidence in the file.",
        "The ferry came back and the crews went home.",
        "The governor started the firm with 3 million dollars from his aunt, and he believes that lower taxes help.",
    ],
)
def test_statements_of_fact_pass_every_rule(parse, text):
    assert rejected_by(_unit(parse, text)) is None


def test_a_verb_phrase_cut_from_its_subject_is_a_fragment(parse):
    span = _unit(
        parse, "Harlow Mining plans to reopen two shafts in the valley.", "plans to reopen two shafts in the valley"
    )
    assert rejected_by(span) == "fragment"


def test_a_relative_clause_tail_is_a_fragment(parse):
    text = "The fund sold stakes in four lenders that included a regional bank."
    assert rejected_by(_unit(parse, text, "that included a regional bank")) == "fragment"


def test_a_paraphrased_content_with_that_is_a_statement(parse):
    text = "The auditor said that the agency overspent its budget by 3 million."
    assert rejected_by(_unit(parse, text, "that the agency overspent its budget by 3 million")) is None


@pytest.mark.parametrize(
    "text,part",
    [
        ("The port authority imposed punitive tariffs on imported steel.", "The port authority imposed punitive"),
        (
            "Nine workers were hurt at the depot by a blast that shook the street.",
            "Nine workers were hurt at the depot by a blast that",
        ),
        (
            "The ferry was late again on Friday, and the crew blamed the weather and the tide.",
            "The ferry was late again on Friday, and the crew blamed the weather and",
        ),
    ],
)
def test_a_unit_that_stops_inside_a_phrase_is_cut_off(parse, text, part):
    assert rejected_by(_unit(parse, text, part)) == "cut_off"


def test_a_clause_the_parse_hung_on_a_later_word_is_not_cut_off(parse):
    text = "The warehouse burned down in May, but the insurer refused to pay, the owner said."
    assert rejected_by(_unit(parse, text, "The warehouse burned down in May, but the insurer refused to pay")) is None


@pytest.mark.parametrize(
    "text,part",
    [
        ("The crews lost their jobs because the harbour closed.", "because the harbour closed"),
        ("Although the bridge reopened, traffic stayed light for months.", "Although the bridge reopened"),
    ],
)
def test_a_clause_hanging_on_one_outside_the_unit_is_dependent(parse, text, part):
    assert rejected_by(_unit(parse, text, part)) == "dependent_clause"


def test_claims_stage_leaves_out_questions_and_forecasts(parse):
    doc = parse(
        "The port handled 2.4 million containers in 2023. Will the port handle more next year? "
        "The port will handle 3 million containers in 2026."
    )
    texts = [c.span.text for c in doc._.claims]
    assert any("2.4 million" in t for t in texts)
    assert not any("?" in t or "3 million" in t for t in texts)
