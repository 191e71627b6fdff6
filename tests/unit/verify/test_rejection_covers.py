"""``rejection-covers``: a rejection reaches a claim that states all of what is rejected, and more."""

from __future__ import annotations

from receipts.verify.rejection import covers, proposition, rejected_by, rejections


def _target(parse, text):
    found = rejections(parse(text))
    assert found, text
    return found[0].target


def test_the_proposition_is_the_clause_after_a_statement_noun(parse):
    target = _target(
        parse, "Officials said there was no evidence for the mayor's assertion that hundreds of tenants had paid twice."
    )
    assert proposition(target).text == "that hundreds of tenants had paid twice"
    target = _target(parse, "The inquiry found the first reports of guards burning the ledgers were false.")
    assert proposition(target).text == "guards burning the ledgers"


def test_a_claim_that_states_the_rejected_proposition_and_more_is_rejected(parse):
    claim = parse("We balanced the budget once you leave out the hundreds of tenants who paid twice.")
    evidence = parse("Auditors found no evidence for the mayor's assertion that hundreds of tenants had paid twice.")
    found = rejected_by(claim, evidence)
    assert found is not None and found.term == "no evidence"


def test_a_claim_missing_part_of_the_proposition_is_not_covered(parse):
    claim = parse("Hundreds of tenants complained about the rent.")
    target = _target(parse, "Auditors found no evidence for the assertion that hundreds of tenants had paid twice.")
    assert not covers(claim, target)


def test_a_negated_claim_or_one_with_another_figure_is_not_covered(parse):
    target = _target(parse, "Auditors found no evidence for the claim that 300 tenants had paid twice.")
    assert not covers(parse("No tenants paid twice, 300 of them said."), target)
    assert not covers(parse("Only 30 tenants had paid twice last winter, the mayor said."), target)
    assert covers(parse("The mayor said 300 tenants had paid twice in the spring."), target)


def test_a_claim_that_itself_rejects_agrees_with_the_rejection(parse):
    claim = parse("There is no evidence that hundreds of tenants paid twice.")
    evidence = parse("Auditors found no evidence that hundreds of tenants had paid twice.")
    assert rejected_by(claim, evidence) is None


def test_a_person_contradicted_is_no_statement_rejected(parse):
    claim = parse("Governor Brandt asked the committee to find out whether the port's powers were abused in 2016.")
    evidence = parse("The committee chairman said there was no sign of it, contradicting Governor Brandt.")
    assert rejected_by(claim, evidence) is None


def test_a_claim_that_names_the_statement_does_not_assert_it(parse):
    claim = parse(
        "The panel was meant to lend weight to the mayor's assertion that hundreds of tenants had paid twice."
    )
    evidence = parse("Auditors found no evidence for the mayor's assertion that hundreds of tenants had paid twice.")
    assert rejected_by(claim, evidence) is None


def test_a_figure_counting_something_else_is_another_claim(parse):
    claim = parse("Police had charged 183 people with fire offences since the season began.")
    evidence = parse(
        "The figure suggesting that 183 arsonists had been arrested since the season began was misleading."
    )
    assert rejected_by(claim, evidence) is None


def test_the_claims_own_predicate_must_be_rejected(parse):
    claim = parse("More research into asthma and bowel disorders was required, the doctors wrote.")
    evidence = parse("Experts found no evidence that the vaccine causes asthma or bowel disorders.")
    assert rejected_by(claim, evidence) is None


def test_a_claim_that_denies_what_is_called_false_agrees_with_it(parse):
    claim = parse("Nobody in the navy thought any crates had been thrown into the harbour.")
    evidence = parse("The inquiry said the first reports of sailors throwing crates into the harbour were false.")
    assert rejected_by(claim, evidence) is None
    claim = parse("When the war began the regime had neither the rockets nor the launchers, the envoy said.")
    evidence = parse(
        "Inspectors found no evidence that the regime had the rockets and the launchers when the war began."
    )
    assert rejected_by(claim, evidence) is None


def test_a_not_below_the_main_predicate_leaves_the_claim_positive(parse):
    claim = parse("Some 12,000 residents of the county skipped jury duty because they were not citizens.")
    evidence = parse("The clerk said it is not true that 12,000 residents of the county skipped jury duty.")
    assert rejected_by(claim, evidence) is not None


def test_a_sentence_reporting_or_denying_the_words_does_not_assert_them(parse):
    evidence = parse("The inquiry said the first reports of sailors throwing crates into the harbour were false.")
    for text in (
        "The mayor accused the admiral of lying after he said sailors had thrown crates into the harbour.",
        "Banks has denied telling an officer that sailors were throwing crates into the harbour.",
    ):
        assert rejected_by(parse(text), evidence) is None, text
    assert rejected_by(parse("Sailors threw crates into the harbour in protest."), evidence) is not None


def test_digits_that_end_a_name_are_no_figure(parse):
    from receipts.verify.rejection import numbers

    assert numbers("Covid-19 vaccines and the MH-17 crash") == set()
    assert numbers("221 Covid-19 deaths") == {221.0}
    claim = parse("The anti-malarial drug was curing Covid-19 around the world.")
    evidence = parse("Doctors said there was no evidence of any link between Covid-19 vaccines and AIDS.")
    assert rejected_by(claim, evidence) is None


def test_a_search_for_evidence_of_something_does_not_assert_it(parse):
    claim = parse("Agents searched the cellar for evidence of hidden tunnels under the old restaurant.")
    evidence = parse("The police found no evidence of hidden tunnels under the old restaurant.")
    assert rejected_by(claim, evidence) is None
