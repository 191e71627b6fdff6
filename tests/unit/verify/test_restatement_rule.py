"""restatement-support: another asserter states the claim again, figures included."""

from __future__ import annotations

from receipts.verify.restatement import asserted_tokens, restates


def test_the_same_statement_with_the_same_figure_is_a_restatement(parse):
    claim = parse("The regulator ordered the carmaker to recall 482,000 diesel cars in the United States.")
    evidence = parse("The carmaker must recall 482,000 diesel cars in the United States, the regulator ordered.")
    said = restates(claim, evidence)
    assert said is not None and "482,000" in said


def test_a_different_figure_or_polarity_is_not(parse):
    claim = parse("The regulator ordered the carmaker to recall 482,000 diesel cars in the United States.")
    assert (
        restates(claim, parse("The regulator ordered the carmaker to recall 11,000 diesel cars in the United States."))
        is None
    )
    assert (
        restates(claim, parse("The regulator has not ordered the carmaker to recall diesel cars in the United States."))
        is None
    )


def test_quoting_or_asking_about_the_claim_is_not_stating_it(parse):
    claim = parse("The governor is cutting state spending on schools in half.")
    quoted = parse('Critics asked the governor about "cutting state spending on schools in half" at the hearing.')
    asked = parse("Analysts examined whether the governor is cutting state spending on schools in half.")
    assert restates(claim, quoted) is None
    assert restates(claim, asked) is None
    assert {t.text for t in asserted_tokens(quoted)} >= {"Critics", "asked", "hearing"}


def test_a_short_claim_says_too_little_to_be_restated(parse):
    assert restates(parse("Prices rose."), parse("Prices rose sharply in May.")) is None


def test_every_name_of_the_claim_must_be_restated(parse):
    claim = parse("The senator from Ohio won the Wisconsin Republican primary.")
    other = parse("The senator from Ohio won the Indiana Republican primary, the party said.")
    assert restates(claim, other) is None
    same = parse("The senator from Ohio won the Wisconsin Republican primary, the party said.")
    assert restates(claim, same) is not None
