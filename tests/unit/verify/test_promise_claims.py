"""Claims about promises, held against the tracked promise record (our own fictional sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from receipts.verify.promise_claims import PromiseRecord, find_reference, judge, relevant_promises


@pytest.mark.parametrize(
    "text, actor, asserts",
    [
        ("The Harbour Authority has kept its promise to dredge the channel.", "Harbour Authority", "kept"),
        ("Velmar had already begun keeping the promise it made at the summit.", "Velmar", "in the works"),
        ("The board broke its pledge to reopen the berths.", "board", "broken"),
        ("The ministry reneged on its commitment to publish the figures.", "ministry", "broken"),
        ("Velmar has not kept its promise.", "Velmar", "not kept"),
    ],
)
def test_references_to_a_promise(parse, text, actor, asserts):
    ref = find_reference(parse(text))
    assert ref is not None and ref.actor == actor and ref.asserts == asserts


def test_a_promise_being_made_is_not_a_claim_about_one(parse):
    assert find_reference(parse("Mayor Ana Veld promised to keep the port open.")) is None
    assert find_reference(parse("The port stayed open all winter.")) is None


def _record(pid, actor, action, status, made_on=date(2026, 3, 1)):
    return PromiseRecord(
        pid,
        actor,
        action,
        made_on,
        status,
        date(2026, 4, 2),
        "not delivered so far",
        {"sentence_id": "s1", "text": "No dredger has arrived."},
    )


def test_the_claimants_subjects_earlier_promises_on_the_same_thing(parse):
    ref = find_reference(parse("The Harbour Authority has kept its promise to dredge the channel."))
    records = [
        _record("p1", "Harbour Authority", "dredge the channel", "stalled"),
        _record("p2", "Harbour Authority", "repaint the cranes", "kept"),
        _record("p3", "Velmar", "dredge the channel", "kept"),
        _record("p4", "Harbour Authority", "dredge the channel", "kept", made_on=date(2026, 5, 1)),
    ]
    lemmas = {
        "p1": frozenset({"dredge", "channel"}),
        "p2": frozenset({"repaint", "crane"}),
        "p3": frozenset({"dredge", "channel"}),
        "p4": frozenset({"dredge", "channel"}),
    }
    found = relevant_promises(ref, records, said_on=date(2026, 4, 10), action_lemmas=lemmas)
    assert [r.id for r in found] == ["p1"]


@pytest.mark.parametrize(
    "claim, status, stance",
    [
        ("The Harbour Authority has kept its promise.", "stalled", "refute"),
        ("The Harbour Authority has kept its promise.", "kept", "support"),
        ("The Harbour Authority is keeping its promise.", "in the works", "support"),
        ("The Harbour Authority broke its promise.", "kept", "refute"),
        ("The Harbour Authority has not kept its promise.", "broken", "support"),
    ],
)
def test_status_decides_the_stance(parse, claim, status, stance):
    ref = find_reference(parse(claim))
    stance_, strength, detail = judge(ref, _record("p1", "Harbour Authority", "dredge the channel", status))
    assert stance_ == stance and strength >= 0.8 and status.upper() in detail


def test_an_unrated_promise_decides_nothing(parse):
    ref = find_reference(parse("The Harbour Authority has kept its promise."))
    assert judge(ref, _record("p1", "Harbour Authority", "dredge the channel", "not yet rated")) is None


@pytest.mark.issue(18)
def test_a_text_with_no_promise_noun_is_never_about_a_promise(parse):
    from receipts.verify.promise_claims import may_refer

    texts = [
        "Dravania has begun keeping its promise to return the remains.",
        "The ministry broke its pledges.",
        "They kept their word.",
        "Brandt reneged on the commitments.",
        "Kessler said 200 had been sent back.",
        "The vow was broken.",
        "Unemployment fell in the north.",
    ]
    for text in texts:
        if find_reference(parse(text)) is not None:
            assert may_refer(text), text  # what the parse finds, the words show
    assert not may_refer("Kessler said 200 had been sent back.") and may_refer("They kept their word.")
