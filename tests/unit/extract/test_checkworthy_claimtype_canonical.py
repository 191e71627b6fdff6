from __future__ import annotations

from datetime import date

import pytest

from receipts.errors import ConfigError
from receipts.extract.canonical import canonical_form
from receipts.extract.checkworthy import CheckworthyScorer
from receipts.extract.claimtype import classify_claim_type
from receipts.extract.speakers import SpeakerResolver


@pytest.fixture(scope="module")
def scorer():
    s = CheckworthyScorer("builtin")
    if not s.available:
        pytest.skip("the shipped check-worthiness model is missing")
    return s


def test_checkworthy_model_ranks_factual_claim_above_greeting(scorer):
    cfs, greeting = scorer.scores(
        ["Unemployment fell from 9 percent to 4 percent in four years.", "Thank you all for coming tonight."]
    )
    assert cfs > 0.5 > greeting


def test_checkworthy_probabilities_sum_to_one(scorer):
    probs = scorer.probabilities(["The budget doubled in 2020."])
    assert probs.shape == (1, 3) and abs(float(probs.sum()) - 1) < 1e-4


def test_checkworthy_none_falls_back_to_heuristic():
    s = CheckworthyScorer("none")
    assert not s.available and s.method == "claims.heuristic.v1"


def test_checkworthy_bad_path_is_config_error(tmp_path):
    with pytest.raises(ConfigError, match="model.onnx"):
        CheckworthyScorer(str(tmp_path))


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Between 100 and 200 soldiers crossed the border.", "interval"),
        ("Prices rose more than 40 percent compared with last year.", "comparison"),
        ("The factory closed in March 2019.", "temporal"),
        ("The city has 6,000 cameras.", "statistical"),
    ],
)
def test_classify_claim_type(parse, text, kind):
    assert classify_claim_type(parse(text)[:]) == kind


def test_canonical_form_passive_with_elided_count(parse):
    doc = parse(
        '"We promised to bring the remains of our soldiers home," Kessler said, '
        '"and today already 200 have been sent back."',
        date(2026, 6, 20),
    )
    claim = next(c for c in doc._.claims if "200" in c.span.text)
    canon = claim.canonical
    assert canon.predicate == "send back" and canon.quantity["value"] == 200
    assert canon.polarity == "positive" and canon.said_on == "2026-06-20" and canon.holds_at == "2026-06-20"


def test_canonical_form_negation_and_subject(parse):
    doc = parse("Dravania has not returned the remains.", date(2026, 7, 1))
    canon = canonical_form(doc[:], resolver=SpeakerResolver(doc, doc._.mentions))
    assert canon.polarity == "negative" and canon.predicate == "return" and canon.object == "the remains"


def test_commitment_canonical_resolves_pronoun_object(parse):
    text = (
        "Dravania pledged to return the remains of 300 soldiers. "
        '"We will return them within 60 days," Ivo Brandt told reporters.'
    )
    doc = parse(text, date(2026, 6, 12))
    brandt = next(p for p in doc._.commitments if p.actor == "Ivo Brandt")
    assert brandt.canonical.object_resolved == "remains of soldiers"
    assert brandt.canonical.holds_at == "2026-06-12/2026-08-11"


def test_commitment_intention_is_separated(parse):
    (p,) = parse("The agency said it would publish the report in August.")._.commitments
    assert p.kind == "intention"
