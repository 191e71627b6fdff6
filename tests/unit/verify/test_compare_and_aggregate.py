from __future__ import annotations

from datetime import date

import pytest

from receipts.verify.compare import compare, is_negated
from receipts.verify.nli import parse_llm_answer
from receipts.verify.promises import judge_step
from receipts.verify.rules import LEAD, Measured, RuleGate
from receipts.verify.verifier import Candidate, ClaimInput, Verifier


def _cand(text, *, speaker=None, source="Record", day=date(2026, 7, 1), doc="d_2"):
    return Candidate(f"s_{abs(hash(text))}", doc, 0, len(text), text, speaker, source, day)


@pytest.fixture(scope="module")
def verifier(parse):
    return Verifier(lambda text: parse(text, None), nli=None)


def test_compare_number_mismatch(parse):
    ok, sig = compare(
        parse("The city hired 80 nurses this year."), parse("Records show the city hired 35 nurses this year.")
    )
    assert ok and sig.stance == "refute" and sig.kind == "quantity"


def test_compare_same_number_supports(parse):
    ok, sig = compare(
        parse("The prison released 45 prisoners."), parse("Officials confirmed 45 prisoners were released.")
    )
    assert sig.stance == "support"


def test_compare_negation_refutes(parse):
    ok, sig = compare(parse("The company had paid the fine."), parse("The company has not paid the fine."))
    assert sig.stance == "refute" and sig.kind == "negation"


def test_compare_opposite_predicates(parse):
    ok, sig = compare(
        parse("All work at the test site had stopped."), parse("Construction at the test site has continued.")
    )
    assert sig.stance == "refute" and sig.kind == "predicate"


def test_opposite_predicates_must_act_on_the_same_thing(parse):
    claim = parse("Construction at the Orvel dam has continued since the Tallin summit.")
    dated = parse("The two leaders signed a statement at the end of the Tallin summit.")
    ok, sig = compare(claim, dated)
    assert ok and (sig is None or sig.stance != "refute")  # the summit only dates the construction
    ok, sig = compare(parse("Velmar has stopped all work at the Orvel dam."), claim)
    assert sig is not None and sig.stance == "refute" and sig.kind == "predicate"


def test_compare_unrelated_is_not_relevant(parse):
    ok, sig = compare(parse("The bridge reopened on Monday."), parse("The orchestra played in Salzburg."))
    assert not ok and sig is None


def test_compare_different_units_are_not_the_same_thing(parse):
    ok, _ = compare(parse("The agency sent 100 transport cases."), parse("The orchestra sent 100 instrument cases."))
    assert not ok


def test_compare_reported_claim_is_not_asserted(parse):
    ok, sig = compare(
        parse("Construction at the site has continued."),
        parse("The report contradicts the statement that work at the site had stopped."),
    )
    assert sig is None or sig.kind != "predicate"


def test_is_negated(parse):
    assert is_negated(parse("No remains have been returned."))
    assert not is_negated(parse("The remains were returned."))


def test_verifier_refutes_with_independent_record(verifier):
    claim = ClaimInput(
        "c_1", "The city hired 80 nurses this year.", "Mayor Tom Reyes", "Gazette", "d_1", date(2026, 6, 1)
    )
    v = verifier.verify(claim, [_cand("The health office said the city hired 35 nurses this year.")])
    assert v.label == "REFUTED" and "80" in v.reason and v.evidence


def test_verifier_own_repetition_is_not_support(verifier):
    claim = ClaimInput("c_1", "Unemployment has fallen to 3 percent.", "Ana Torres", "Post", "d_1", date(2026, 6, 1))
    v = verifier.verify(claim, [_cand("Unemployment has fallen to 3 percent.", speaker="Ana Torres")])
    assert v.label == "NOT_ENOUGH_INFO"


def test_verifier_ignores_earlier_evidence_for_later_claim(verifier):
    claim = ClaimInput("c_1", "The city hired 80 nurses this year.", None, "Gazette", "d_1", date(2026, 6, 1))
    v = verifier.verify(claim, [_cand("The city hired 35 nurses this year.", day=date(2026, 1, 1))])
    assert v.label == "NOT_ENOUGH_INFO"


def test_verifier_disputed_when_sources_conflict(verifier):
    claim = ClaimInput("c_1", "The city hired 80 nurses this year.", None, "Gazette", "d_1", date(2026, 6, 1))
    v = verifier.verify(
        claim,
        [
            _cand("The union said the city hired 80 nurses this year.", doc="d_2"),
            _cand("The audit office said the city hired 35 nurses this year.", doc="d_3", source="Audit"),
        ],
    )
    assert v.label == "DISPUTED"


class FakeNli:
    method = "nli.fake"

    def __init__(self, probs):
        self.probs = probs

    def predict(self, pairs):
        import numpy as np

        return np.array([self.probs] * len(pairs))


class CountingNli(FakeNli):
    def __init__(self, probs):
        super().__init__(probs)
        self.pairs = 0

    def predict(self, pairs):
        self.pairs += len(pairs)
        return super().predict(pairs)


@pytest.mark.issue(14)
def test_the_model_alone_is_a_named_rule_the_gate_holds(parse):
    claim = ClaimInput("c_1", "The harbour is the busiest in the region.", None, "Post", "d_1", date(2026, 6, 1))
    cands = [_cand("The harbour handles less traffic than three others in the region.")]
    nli = CountingNli([0.05, 0.1, 0.85])
    # ungated, the model's sure call on evidence no rule decides counts as the rule nli-refute
    verdict = Verifier(lambda t: parse(t, None), nli=nli, refute_at=0.8).verify(claim, cands)
    assert nli.pairs == 1 and verdict.label == "REFUTED"
    assert verdict.evidence[0].signal == "nli" and "0.85" in verdict.evidence[0].detail
    # a gate that has not measured nli-refute on enough real items keeps it as a lead
    gate = RuleGate(minimum=0.9, measured={"nli-refute": Measured(3, 0)})
    held = Verifier(lambda t: parse(t, None), nli=CountingNli([0.05, 0.1, 0.85]), refute_at=0.8, gate=gate)
    verdict = held.verify(claim, cands)
    assert verdict.label == "NOT_ENOUGH_INFO" and verdict.reason.startswith(LEAD) and "nli-refute" in verdict.reason
    # below its threshold, the model's call is no evidence at all
    unsure = Verifier(lambda t: parse(t, None), nli=CountingNli([0.05, 0.1, 0.85]), refute_at=0.9).verify(claim, cands)
    assert unsure.label == "NOT_ENOUGH_INFO" and unsure.evidence[0].stance == "neutral"


@pytest.mark.issue(14)
def test_without_thresholds_the_model_reads_only_what_a_rule_found(parse):
    nli = CountingNli([0.05, 0.1, 0.85])
    v = Verifier(lambda t: parse(t, None), nli=nli, support_at=1.01, refute_at=1.01)
    claim = ClaimInput("c_1", "The harbour is the busiest in the region.", None, "Post", "d_1", date(2026, 6, 1))
    verdict = v.verify(claim, [_cand("The harbour handles less traffic than three others in the region.")])
    assert verdict.label == "NOT_ENOUGH_INFO" and nli.pairs == 0


@pytest.mark.issue(14)
def test_the_model_weighs_what_a_rule_found(parse):
    claim = ClaimInput("c_1", "The city hired 80 nurses in 2025.", None, "Post", "d_1", date(2026, 6, 1))
    cand = [_cand("Payroll records show the city hired 35 nurses in 2025.")]
    nli = CountingNli([0.01, 0.01, 0.98])
    verdict = Verifier(lambda t: parse(t, None), nli=nli).verify(claim, cand)
    assert nli.pairs == 1 and verdict.label == "REFUTED"
    assert verdict.evidence[0].strength <= 0.8 + 0.1 + 1e-9  # agreement adds at most 0.1 to a rule's strength


@pytest.mark.parametrize(
    "content,label",
    [
        ('{"label": "contradiction", "confidence": 0.9}', 2),
        ("Entailment.", 0),
        ("no idea", 1),
    ],
)
def test_parse_llm_answer(content, label):
    assert parse_llm_answer(content).argmax() == label


def test_judge_step_partial_delivery_is_compromise(parse):
    promise = parse("The company return 300 stolen paintings to the museum")
    status, reason = judge_step(
        promise,
        parse("The company has returned 120 of the 300 paintings to the museum."),
        promised_value=300,
        deadline=None,
        evidence_date=date(2026, 3, 1),
    )
    assert status == "compromise" and "120" in reason


def test_judge_step_skipped_meeting_stalls(parse):
    promise = parse("Both governments hold a handover meeting at the border")
    status, _ = judge_step(
        promise,
        parse("One delegation skipped the handover meeting at the border."),
        promised_value=None,
        deadline=None,
        evidence_date=date(2026, 7, 3),
    )
    assert status == "stalled"


def test_judge_step_overdue_non_delivery_is_broken(parse):
    promise = parse("Dravania return the remains of 300 soldiers")
    status, _ = judge_step(
        promise,
        parse("No remains have been returned."),
        promised_value=300,
        deadline=date(2026, 8, 11),
        evidence_date=date(2026, 9, 15),
    )
    assert status == "broken"


def test_two_denials_of_the_same_act_support_each_other(parse):
    claim = parse("No medicine has been delivered to the Brisa clinic so far.")
    ok, sig = compare(
        claim, parse("Six days after the appeal, not a single box of medicine has been delivered to Brisa.")
    )
    assert sig is not None and sig.stance == "support" and sig.kind == "negation"
    ok, sig = compare(
        parse("The council has not delivered any medicine."),
        parse("No date for the vote has been set, and nobody opposed it."),
    )
    assert sig is None or sig.stance != "support"  # denials of different acts say nothing of each other


def test_same_document_is_not_independent_support(verifier):
    claim = ClaimInput(
        "c_1", "No medicine has been delivered to the Brisa clinic.", None, "Aid Office", "d_1", date(2026, 7, 1)
    )
    same = Candidate(
        "s_2",
        "d_1",
        60,
        120,
        '"Not a single box of medicine has been delivered to Brisa," a spokesman said.',
        "a spokesman",
        "Aid Office",
        date(2026, 7, 1),
        "person",
    )
    assert verifier.verify(claim, [same]).label == "NOT_ENOUGH_INFO"
    other = Candidate(
        "s_3",
        "d_9",
        0,
        60,
        "Not a single box of medicine has been delivered to Brisa.",
        None,
        "Clinic Bulletin",
        date(2026, 7, 9),
    )
    assert verifier.verify(claim, [same, other]).label == "SUPPORTED"


def test_opposite_directions_of_change_refute(parse):
    ok, sig = compare(
        parse("Hospital waiting times in Orvel have fallen this year."),
        parse("Hospital waiting times in Orvel have risen this year, the audit office found."),
    )
    assert sig is not None and sig.stance == "refute" and sig.kind == "predicate"
    ok, sig = compare(
        parse("Hospital waiting times in Orvel have fallen this year."),
        parse("The number of tourists in Orvel has risen this year."),
    )
    assert sig is None or sig.stance != "refute"  # different things went up and down


def test_opposite_accounts_name_the_talks(parse):
    ok, sig = compare(
        parse('The minister said two days of talks in Orvel had been "productive".'),
        parse("The talks in Orvel were a failure, the other government said."),
    )
    assert sig is not None and sig.stance == "refute" and sig.detail == "opposite accounts of the talks"


def test_the_skipped_meeting_supports_a_claim_it_was_skipped(parse):
    ok, sig = compare(
        parse("The Orvel delegation failed to show up for the meeting at the Tallin crossing."),
        parse("Asked about the skipped meeting at the Tallin crossing, the minister called it a misunderstanding."),
    )
    assert sig is not None and sig.stance == "support"
    ok, sig = compare(
        parse("The ministers met at the Tallin crossing."),
        parse("Asked about the skipped meeting at the Tallin crossing, the minister called it a misunderstanding."),
    )
    assert sig is not None and sig.stance == "refute"


def test_two_independent_witnesses_settle_what_one_cannot(verifier):
    claim = ClaimInput(
        "c_1",
        "The Orvel delegation failed to show up for the meeting at the Tallin crossing.",
        None,
        "Wire",
        "d_1",
        date(2026, 6, 1),
    )
    one = _cand(
        "Asked about the skipped meeting at the Tallin crossing, the minister called it a misunderstanding.",
        speaker="Ida Holm",
        doc="d_2",
    )
    one = Candidate(
        one.id, one.document_id, one.start, one.end, one.text, "Ida Holm", "Ledger", one.published, "person"
    )
    two = Candidate(
        "s_9",
        "d_3",
        0,
        80,
        "Tom Berg said the skipped meeting at the Tallin crossing had embarrassed the government.",
        "Tom Berg",
        "Herald",
        date(2026, 6, 3),
        "person",
    )
    assert verifier.verify(claim, [one]).label == "NOT_ENOUGH_INFO"  # a party's word alone (0.7 x 0.85) is not enough
    assert verifier.verify(claim, [one, two]).label == "SUPPORTED"
