"""The named rules that tell a commitment from a forecast, a hypothesis or a wish (issue #15).

Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from receipts.extract.commitments import extract_commitments

pytestmark = pytest.mark.issue(15)


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Freight will probably face tougher checks next year.",  # something that happens to it
        "The storm will reach the northern coast by Friday.",  # nobody owes anything
        "If the bill fails, the governor would have to call a special session.",  # hypothesis
        "Had she known, Mara Lind would have resigned.",  # counterfactual
        "Councillor Ivo Pereira would be a fool to oppose the budget.",  # evaluation
        "Reporters asked whether Mayor Tessa Brun will resign.",  # embedded question
        "Will the ministry repay the farmers?",  # question
        "Analysts agreed that the deal was a poor one.",  # agreeing with a view
        "Many residents want to keep the old library.",  # nobody named to hold to it
        "Senator Kaya Lund wanted to visit the plant last year.",  # a past wish
        "Lena Ostrova hopes to win the seat.",  # a hope
        "The lawyer said the company would lose the case.",  # a forecast by someone else
        '"I\'ll tell you, the numbers are terrible," Governor Abel Cruz said.',  # a turn of speech
    ],
)
def test_forecasts_hypotheses_and_wishes_are_not_commitments(parse, text):
    assert extract_commitments(parse(text)) == []


@pytest.mark.parametrize(
    "text,actor",
    [
        ('"We will repair every bridge in the county by 2027," Governor Abel Cruz said.', "Abel Cruz"),
        ("The Velmar Water Board said it would replace the lead pipes within two years.", "Velmar Water Board"),
        ("Senator Kaya Lund plans to introduce a bill on rail fares.", "Kaya Lund"),
        ("Mayor Tessa Brun vowed to reopen the clinic.", "Tessa Brun"),
    ],
)
def test_undertakings_by_a_named_actor_are_commitments(parse, text, actor):
    found = extract_commitments(parse(text))
    assert [c.actor for c in found] == [actor]


def test_a_promise_in_a_participle_takes_its_clause_subject(parse):
    doc = parse("Mayor Tessa Brun spoke to the dock workers, promising to restore the night shift.")
    (c,) = extract_commitments(doc)
    assert c.actor == "Tessa Brun" and c.action.startswith("restore the night shift")


def test_a_conditional_pledge_said_with_a_promise_verb_stays(parse):
    (c,) = extract_commitments(parse("Mayor Tessa Brun promised to cut fares if the council agrees."))
    assert c.cue == "promised"
