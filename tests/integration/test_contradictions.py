"""Contradictions between stored statements: a model's one-way call is not enough."""

from __future__ import annotations

import json

import numpy as np
import pytest

from receipts.app import services, verification
from receipts.config import Settings
from receipts.verify.verifier import Verifier

BOAST = "Mayor Lina Obst said the harbour is the busiest in the region."
RECORD = "The port authority said the harbour handles less cargo than three others in the region."


class OneWayNli:
    """Calls a contradiction only when the port authority's sentence is the premise (or both ways)."""

    method = "nli.fake"

    def __init__(self, both_ways: bool) -> None:
        self.both_ways = both_ways

    def predict(self, pairs):
        out = []
        for premise, hypothesis in pairs:
            contra = "port authority" in premise or (self.both_ways and "port authority" in hypothesis)
            out.append([0.05, 0.05, 0.9] if contra else [0.1, 0.8, 0.1])
        return np.array(out)


@pytest.fixture
def settings(tmp_path):
    src = tmp_path / "docs.jsonl"
    docs = [
        {"text": BOAST, "source": "Harbour Gazette", "published": "2026-07-01"},
        {"text": RECORD, "source": "Port Weekly", "published": "2026-07-09"},
    ]
    src.write_text("".join(json.dumps(d) + "\n" for d in docs))
    local = Settings(database_url=f"sqlite:///{tmp_path}/r.db")
    assert not services.ingest([str(src)], local).failed
    return local


@pytest.mark.issue(14)
@pytest.mark.parametrize("both_ways", [True, False])
def test_an_nli_call_alone_makes_no_contradiction_under_the_shipped_gate(settings, parse, both_ways):
    # the model's calls are right far too rarely on real pairs (docs/evaluation.md): the shipped rule
    # table does not let nli-refute settle, so even a call that holds both ways makes no contradiction
    from receipts.verify.rules import RuleGate

    gate = RuleGate.load(None, minimum=0.9)
    verifier = Verifier(lambda t: parse(t, None), nli=OneWayNli(both_ways), gate=gate)
    items = verification.find_contradictions(settings, verifier=verifier)
    pairs = [{c["a"]["text"], c["b"]["text"]} for c in items]
    assert {BOAST, RECORD} not in pairs


@pytest.mark.issue(14)
@pytest.mark.parametrize("both_ways", [True, False])
def test_where_nli_refute_may_settle_its_call_must_hold_both_ways(settings, parse, both_ways):
    verifier = Verifier(lambda t: parse(t, None), nli=OneWayNli(both_ways))  # ungated: every rule settles
    items = verification.find_contradictions(settings, verifier=verifier)
    pairs = [{c["a"]["text"], c["b"]["text"]} for c in items]
    assert ({BOAST, RECORD} in pairs) == both_ways


@pytest.mark.issue(18)
def test_with_no_refuting_rule_allowed_to_settle_nothing_is_searched(settings, parse, monkeypatch):
    from receipts.verify.rules import Measured, RuleGate

    # a gate that lets no refuting rule settle: no contradiction could be kept, so none is looked for
    gate = RuleGate(minimum=0.9, measured={"predicate-support": Measured(20, 0)})
    verifier = Verifier(lambda t: parse(t, None), nli=None, gate=gate)

    def no_search(_settings):
        raise AssertionError("the sentence index was opened")

    monkeypatch.setattr(verification, "sentence_index", no_search)
    assert verification.find_contradictions(settings, verifier=verifier) == []
