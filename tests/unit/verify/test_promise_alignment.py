"""A promise moves only on its promiser doing, or not doing, the promised act (issue #14)."""

from __future__ import annotations

from datetime import date

import pytest

from receipts.extract.actors import AliasTable
from receipts.verify.promises import about_the_promised_act, judge_step

PROMISER = frozenset({"senator", "cole", "senator cole"})


@pytest.mark.parametrize(
    "evidence",
    [
        "Senator Cole returned the donations to the charity on Monday.",
        "The donations were returned to the charity, the office said.",
        "No donations have been returned so far.",
    ],
)
def test_the_promisers_act_or_an_unnamed_one_is_about_the_promise(parse, evidence):
    promise = parse("Senator Cole return the donations from the charity")
    assert about_the_promised_act(promise, parse(evidence), PROMISER)


@pytest.mark.parametrize(
    "evidence",
    [
        "Governor Rivera returned the donations to the charity on Monday.",  # another actor named
        "Senator Cole praised the donations made to the charity.",  # another act
        "Senator Cole returned to the capital after the charity gala.",  # the act, but not the thing
    ],
)
def test_another_actor_or_another_act_is_not(parse, evidence):
    promise = parse("Senator Cole return the donations from the charity")
    assert not about_the_promised_act(promise, parse(evidence), PROMISER)


def test_an_alias_of_the_promiser_counts_as_the_promiser(parse):
    table = AliasTable()
    table.merge({"actors": [{"name": "Dravania", "kind": "country", "aliases": ["Dravanian government", "Velm"]}]}, "t")
    names = table.names_of("Dravania")
    assert "velm" in names and "dravania" in names
    promise = parse("Dravania return the remains of 300 soldiers")
    evidence = parse("Velm returned the remains of 40 soldiers on Tuesday.")
    status, _ = judge_step(
        promise,
        evidence,
        promised_value=300,
        deadline=None,
        evidence_date=date(2026, 9, 1),
        actor_words=frozenset({"dravania"}),
        actor_names=names,
    )
    assert status == "compromise"
    assert table.names_of("Nobody Known") == frozenset({"nobody known"})


def test_a_step_by_someone_else_does_not_put_the_promise_in_the_works(parse):
    promise = parse("Senator Cole hold a public hearing on the water contract")
    evidence = parse("Mayor Ruiz scheduled a public hearing on the water contract for May.")
    assert (
        judge_step(
            promise,
            evidence,
            promised_value=None,
            deadline=None,
            evidence_date=date(2026, 9, 1),
            actor_words=frozenset({"senator", "cole"}),
        )
        is None
    )
