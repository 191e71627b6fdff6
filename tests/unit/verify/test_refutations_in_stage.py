"""Which refuted claims take evidence away in a stage: the same whether a store is verified whole or --new."""

from receipts.app.verification import refutations_in_stage

ROWS = [
    (("d1", 0, 40), "today already 200 have been sent back", "machine"),
    (("d1", 50, 120), "Dravania had already begun keeping the promise it made", "machine"),
    (("d2", 0, 30), "Dravania has begun keeping its promise", "human"),
]


def _about_a_promise(text: str) -> bool:
    return "promise" in text


def test_before_the_promise_claims_only_their_editor_verdicts_count():
    got = refutations_in_stage(ROWS, before_promise_claims=True, about_a_promise=_about_a_promise)
    assert got == {("d1", 0, 40), ("d2", 0, 30)}


def test_in_other_stages_every_refutation_counts():
    got = refutations_in_stage(ROWS, before_promise_claims=False, about_a_promise=_about_a_promise)
    assert got == {("d1", 0, 40), ("d1", 50, 120), ("d2", 0, 30)}
