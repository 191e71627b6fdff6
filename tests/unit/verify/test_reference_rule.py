"""The reference rule: "That is not true." after a sentence that states the claim."""

from __future__ import annotations

from datetime import date

import pytest

from receipts.evaluate.rules_eval import evaluate_rules, merge_claims
from receipts.verify.rejection import might_reject, rejected_by, rejections
from receipts.verify.verifier import Candidate, ClaimInput, Verifier

CLAIM = "The plant released 200 tonnes of waste into the river."
BEFORE = "The company's leaflet said the plant released 200 tonnes of waste into the river last year."


def _cand(text, *, before=None, doc="d_2"):
    return Candidate("s_1", doc, 0, len(text), text, "the regulator", "Record", date(2026, 7, 1), before=before)


def _claim():
    return ClaimInput("c_1", CLAIM, "Mayor Ruiz", "Daily", "d_1", date(2026, 6, 1))


@pytest.mark.parametrize(
    "text",
    [
        "That is not true, the regulator said.",
        "The regulator called these statements misleading.",
        "Inspectors said the claim was false.",
    ],
)
def test_a_pointer_after_the_claim_rejects_it(parse, text):
    found = rejected_by(parse(CLAIM), parse(text), before=parse(BEFORE), pointing=True)
    assert found is not None and found.anaphoric


def test_a_pointer_rejects_nothing_without_the_claim_before_it(parse):
    other = parse("The company's leaflet praised the new visitor centre by the river.")
    denial = parse("That is not true, the regulator said.")
    assert rejected_by(parse(CLAIM), denial, before=other, pointing=True) is None
    assert rejected_by(parse(CLAIM), denial, before=None, pointing=True) is None


def test_which_points_back_within_its_own_sentence(parse):
    text = "The leaflet said the plant released 200 tonnes of waste into the river, which is false."
    assert rejected_by(parse(CLAIM), parse(text), pointing=True) is not None


def test_a_pointer_is_not_an_explicit_rejection_and_people_are_not_pointers(parse):
    assert rejected_by(parse(CLAIM), parse("That is not true, the regulator said.")) is None
    assert all(not r.anaphoric for r in rejections(parse("He is wrong about the river, the regulator said.")))


def test_it_is_false_that_rejects_the_clause(parse):
    found = rejected_by(parse(CLAIM), parse("It is false that the plant released 200 tonnes of waste."))
    assert found is not None and not found.anaphoric


def test_the_verifier_names_the_reference_rule_and_its_context(parse):
    verifier = Verifier(lambda text: parse(text, None), nli=None)
    verdict = verifier.verify(_claim(), [_cand("That is not true, the regulator said.", before=BEFORE)])
    assert verdict.label == "REFUTED" and verdict.evidence[0].signal == "reference"
    assert "after:" in verdict.evidence[0].detail
    assert verifier.verify(_claim(), [_cand("That is not true, the regulator said.")]).label == "NOT_ENOUGH_INFO"


def test_might_reject_is_a_cheap_superset():
    assert might_reject("That is not true.") and might_reject("It was misleading")
    assert not might_reject("The council met on Tuesday.")


def test_politihop_rows_of_one_claim_are_judged_once_and_rulings_use_the_sentence_before(parse):
    rows = [
        {"claim": CLAIM, "evidence": ["a"], "label": "REFUTES", "ruling": [BEFORE, "That is not true."]},
        {"claim": CLAIM, "evidence": ["b"], "label": "REFUTES", "ruling": [BEFORE, "That is not true."]},
    ]
    assert len(merge_claims(rows)) == 1 and merge_claims(rows)[0]["evidence"] == ["a", "b"]
    out = evaluate_rules(rows, lambda texts: [parse(t) for t in texts], "politihop", evidence="ruling")
    assert out["n"] == 1
    assert out["rules"]["reference-refute"]["right"] == 1
