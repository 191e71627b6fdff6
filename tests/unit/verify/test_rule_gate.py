"""The rule gate: only rules measured precise on real news may settle a verdict on their own."""

from __future__ import annotations

import json
from datetime import date

import pytest

from receipts.errors import ConfigError
from receipts.evaluate.audit import _judged_as, rule_precision
from receipts.verify.rules import MIN_JUDGED, RULES, Measured, RuleGate, read_lead, rule_name
from receipts.verify.verifier import Candidate, ClaimInput, EvidenceJudgement, aggregate

CLAIM = ClaimInput("c1", "Today 200 crates of grain were shipped.", "A Minister", "Courier", "d1", date(2026, 6, 1))


def _judged(signal: str, stance: str, who: str, sid: str = "s1") -> EvidenceJudgement:
    cand = Candidate(sid, f"d-{who}", 0, 10, f"{who} says otherwise.", who, "Ledger", date(2026, 6, 9))
    return EvidenceJudgement(cand, stance, 0.85, signal, f"{signal} by {who}")


def test_the_shipped_table_lets_no_rule_measured_imprecise_settle():
    gate = RuleGate.load(None)
    assert gate.measured["quantity-refute"].judged >= MIN_JUDGED
    assert not gate.may_settle("quantity-refute") and not gate.may_settle("negation-refute")
    assert "right 0 of 13 times on real news (polnear-dev-leads.tsv)" in gate.why_not("quantity-refute")
    assert set(gate.measured) <= set(RULES)


def test_a_rule_needs_the_minimum_precision_and_enough_judged_items():
    gate = RuleGate(
        0.9,
        {"quantity-refute": Measured(19, 1), "negation-refute": Measured(9, 0), "predicate-support": Measured(8, 4)},
    )
    assert gate.may_settle("quantity-refute")
    assert not gate.may_settle("negation-refute") and "only 9" in gate.why_not("negation-refute")
    assert not gate.may_settle("predicate-support") and "0.67, below 0.90" in gate.why_not("predicate-support")
    assert not gate.may_settle("evaluation-refute") and "not been measured" in gate.why_not("evaluation-refute")
    assert RuleGate(0.0).may_settle("evaluation-refute")  # the invented stories test rules one at a time


def test_evidence_from_an_imprecise_rule_is_a_lead_and_the_claim_stays_unsettled():
    judged = [_judged("quantity", "refute", "Agency")]
    loose = aggregate(CLAIM, judged, gate=RuleGate(0.0))
    assert loose.label == "REFUTED"
    gated = aggregate(CLAIM, judged, gate=RuleGate(0.9, {"quantity-refute": Measured(0, 14)}))
    assert gated.label == "NOT_ENOUGH_INFO" and gated.confidence == 0.5
    assert gated.reason.startswith(
        "lead for review, not a verdict: the record may show it refuted (quantity by Agency)"
    )
    assert "right 0 of 14" in gated.reason
    assert [e.stance for e in gated.evidence] == ["refute"]  # the lead is shown with the side it takes
    assert read_lead(gated.reason) == ("REFUTED", "quantity-refute")
    assert read_lead(loose.reason) is None and read_lead("") is None


def test_a_precise_rule_settles_and_an_imprecise_one_does_not_dispute_it():
    gate = RuleGate(0.9, {"quantity-refute": Measured(20, 0), "predicate-support": Measured(1, 9)})
    judged = [_judged("quantity", "refute", "Agency", "s1"), _judged("predicate", "support", "Party", "s2")]
    assert aggregate(CLAIM, judged, gate=RuleGate(0.0)).label == "DISPUTED"
    assert aggregate(CLAIM, judged, gate=gate).label == "REFUTED"


def test_rule_table_is_counted_per_rule_and_side_from_a_judged_sample(tmp_path):
    sample = tmp_path / "s.tsv"
    sample.write_text(
        "kind\tid\toutput\tjudgement\tnote\n"
        "verdicts\tc_1\tREFUTED [quantity]\tn\t\n"
        "verdicts\tc_2\tREFUTED [quantity]\ty\t\n"
        "verdicts\tc_3\tDISPUTED [negation]\tn\t\n"
        "verdicts\tc_4\tSUPPORTED [predicate]\ty\t\n"
        "verdicts\tc_5\tSUPPORTED [predicate]\t\t\n"
        "contradictions\tx_1\tpair [evaluation]\tn\t\n"
        "claims\tc_6\tclaim\ty\t\n"
        "leads\tc_7\tlead REFUTED [negation-refute]: lead for review, not a verdict: ...\ty\t\n",
        encoding="utf-8",
    )
    rules = rule_precision(sample)["rules"]
    assert rules == {
        "evaluation-refute": {"right": 0, "wrong": 1, "precision": 0.0},
        "negation-refute": {"right": 1, "wrong": 1, "precision": 0.5},
        "predicate-support": {"right": 1, "wrong": 0, "precision": 1.0},
        "quantity-refute": {"right": 1, "wrong": 1, "precision": 0.5},
    }
    assert rule_name("quantity", "refute") == "quantity-refute"


def test_a_missing_or_broken_rule_table_is_one_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="no such rule table"):
        RuleGate.load(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"rules": {"quantity-refute": {"right": "x"}}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="not a rule table"):
        RuleGate.load(bad)


def test_a_judgement_holds_only_for_the_label_and_rule_it_judged():
    assert _judged_as("verdicts", "c_1", "REFUTED (0.9) [negation]: x") == ("c_1", "REFUTED", "negation")
    assert _judged_as("verdicts", "c_1", "SUPPORTED [predicate]") != _judged_as("verdicts", "c_1", "REFUTED [negation]")
    assert _judged_as("leads", "c_2", "lead REFUTED [quantity-refute]: ...") == ("c_2", "REFUTED", "quantity-refute")
    assert _judged_as("claims", "c_3", "anything") == ("c_3",)


def test_a_source_that_found_a_rule_imprecise_vetoes_it(tmp_path):
    from receipts.verify.rules import Measured, merge

    news = merge(None, {"negation-refute": Measured(19, 1)}, source="news.tsv")
    both = merge(news, {"negation-refute": Measured(2, 10)}, source="politihop.jsonl")
    assert set(both["sources"]) == {"news.tsv", "politihop.jsonl"}
    assert both["rules"]["negation-refute"] == {"right": 21, "wrong": 11, "precision": round(21 / 32, 3)}
    path = tmp_path / "table.json"
    path.write_text(json.dumps(merge(news, {"negation-refute": Measured(10, 0)}, source="politihop.jsonl")))
    assert RuleGate.load(path, minimum=0.9).may_settle("negation-refute")  # 29 of 30, both sources precise
    # a source that judged it on enough items and found it below the minimum vetoes it, whatever the sum
    vetoed = merge(None, {"negation-refute": Measured(95, 0)}, source="news.tsv")
    vetoed = merge(vetoed, {"negation-refute": Measured(5, 6)}, source="politihop.jsonl")
    path.write_text(json.dumps(vetoed))
    gate = RuleGate.load(path, minimum=0.9)
    assert not gate.may_settle("negation-refute")
    assert "5 of 11 times on politihop.jsonl" in gate.why_not("negation-refute")
    # replacing one source's counts keeps the others
    again = merge(vetoed, {"negation-refute": Measured(10, 0)}, source="politihop.jsonl")
    assert again["sources"]["news.tsv"]["negation-refute"]["right"] == 95
    assert again["rules"]["negation-refute"]["right"] == 105
