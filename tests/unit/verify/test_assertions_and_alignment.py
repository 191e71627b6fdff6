"""Issue 14: evidence is an attributed assertion, and only aligned statements are compared."""

from __future__ import annotations

from datetime import date

import pytest

from receipts.verify.assertions import assess, is_correction
from receipts.verify.compare import compare, scopes_differ
from receipts.verify.verifier import Candidate, ClaimInput, Verifier

pytestmark = pytest.mark.issue(14)


def _cand(text, *, speaker=None, source="Record", doc="d_2", title=None):
    return Candidate(f"s_{abs(hash(text))}", doc, 0, len(text), text, speaker, source, date(2026, 7, 1), title=title)


@pytest.mark.parametrize(
    "text,kind",
    [
        ("The senator has repeatedly insisted that the vote was rigged in many precincts.", "distanced"),
        ("The governor bragged at a rally that the state had already repaid the whole loan.", "distanced"),
        ("An earlier version of this article said the party did not receive any money.", "correction"),
        ("The agency said only 100 empty crates had been sent.", "asserted"),
        ("The company posted a loss of $2 billion.", "asserted"),
        ("Prosecutors charged him with fraud.", "asserted"),
    ],
)
def test_assess_reads_how_a_sentence_holds_its_content(parse, text, kind):
    assert assess(parse(text)).kind == kind


def test_a_headline_restates_its_article(parse):
    text = "Council has not repaired the bridge"
    assert assess(parse(text), title="Council has not repaired the bridge").kind == "headline"


def test_is_correction_leaves_ordinary_updates_alone():
    assert not is_correction("The ministry will update its figures next week.")


def test_a_brag_about_the_claim_is_no_record(parse):
    verifier = Verifier(lambda t: parse(t, None), nli=None)
    claim = ClaimInput("c_1", "The city has not repaid the loan.", None, "Wire", "d_1", date(2026, 6, 1))
    brag = _cand("The mayor bragged that the city had repaid the loan.", speaker="the mayor")
    verdict = verifier.verify(claim, [brag])
    assert verdict.label == "NOT_ENOUGH_INFO"
    assert any(e.signal == "attribution" and "not that it is true" in e.detail for e in verdict.evidence)


def test_a_correction_notice_does_not_refute(parse):
    verifier = Verifier(lambda t: parse(t, None), nli=None)
    claim = ClaimInput("c_1", "The party received money from the fund.", None, "Wire", "d_1", date(2026, 6, 1))
    note = _cand("An earlier version of this article said the party did not receive any money from the fund.")
    assert verifier.verify(claim, [note]).label == "NOT_ENOUGH_INFO"


def test_numbers_for_different_actions_are_not_compared(parse):
    ok, sig = compare(
        parse("Twelve people were injured in the blast."), parse("Fifteen people were treated at the hospital.")
    )
    assert sig is None


def test_numbers_over_a_stretch_of_time_are_not_compared_with_one_year(parse):
    ok, sig = compare(
        parse("The leader ordered 49 missile tests this year."),
        parse("His father ordered 26 missile tests in the 18 years that he was leader."),
    )
    assert sig is None


def test_numbers_by_different_actors_are_not_compared(parse):
    ok, sig = compare(
        parse("Denmark planted 400 trees along the river."), parse("Sweden planted 90 trees along the river.")
    )
    assert sig is None


def test_a_rise_and_a_fall_in_different_places_do_not_refute(parse):
    ok, sig = compare(parse("Unemployment fell in Kent last year."), parse("Unemployment rose in Essex last year."))
    assert sig is None


def test_scopes_differ_names_different_years(parse):
    assert scopes_differ(parse("Exports rose in 2015."), parse("Exports fell in 2016.")) == "different years"


def test_aligned_numbers_still_refute(parse):
    ok, sig = compare(
        parse("The city hired 80 nurses in 2025."), parse("Payroll records show the city hired 35 nurses in 2025.")
    )
    assert sig is not None and sig.stance == "refute" and sig.kind == "quantity"


def test_someone_elses_vow_does_not_move_a_promise(parse):
    from receipts.verify.promises import judge_step

    promise = parse("Senator Reyes overturn the campaign finance ruling")
    evidence = parse("The governor has vowed to scrap the state's campaign finance rules.")
    assert (
        judge_step(
            promise,
            evidence,
            promised_value=None,
            deadline=None,
            evidence_date=date(2026, 9, 1),
            actor_words=frozenset({"senator", "reyes"}),
        )
        is None
    )


def test_one_shared_word_is_not_the_promised_act(parse):
    from receipts.verify.promises import judge_step

    promise = parse("The council build a new bridge over the river")
    evidence = parse("Flooding closed the river road for a week.")
    assert (
        judge_step(
            promise,
            evidence,
            promised_value=None,
            deadline=None,
            evidence_date=date(2026, 9, 1),
            actor_words=frozenset({"council"}),
        )
        is None
    )


def test_the_same_quote_in_another_outlet_is_no_corroboration():
    from receipts.verify.verifier import repeats_quote

    claim = 'The mayor said: "Every school in the district has clean water again this week."'
    assert repeats_quote(
        claim, 'As the mayor put it, "every school in the district has clean water again", the paper wrote.'
    )
    assert not repeats_quote(claim, "Inspectors found clean water at every school in the district this week.")


def test_gone_up_is_a_rise_that_a_fall_refutes(parse):
    ok, sig = compare(
        parse("Rents in the city have gone up this year."),
        parse("Rents in the city fell this year, the housing office said."),
    )
    assert sig is not None and sig.stance == "refute" and sig.kind == "predicate"


def test_a_shipment_of_grain_is_about_grain(parse):
    from receipts.verify.compare import agents

    assert "grain" in agents(parse("Not a single shipment of grain has reached the port."), {"reach"})
