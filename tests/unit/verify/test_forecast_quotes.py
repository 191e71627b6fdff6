"""A claim is rated as a forecast by its own tense, not by the tense of a quotation it mentions."""

from __future__ import annotations

from receipts.app.verification import is_forecast


def test_a_quoted_headline_does_not_make_a_report_of_the_past_a_forecast():
    report = "her real complaint concerned a headline reading 'Mayor: We will cut the fares by half.' on Monday"
    assert not is_forecast(report)
    assert not is_forecast("He called the budget “a document that will never pass” in the debate")


def test_a_claim_that_speaks_of_the_future_is_a_forecast():
    assert is_forecast("The council will cut the fares by half next year")
    assert is_forecast('"We will cut the fares by half," the mayor said')  # the claim is the quotation itself
    assert is_forecast("The minister said they'll close the mine")  # an apostrophe is not a quotation


def test_plans_as_a_noun_and_a_counterfactual_past_are_not_forecasts():
    assert not is_forecast("the reports about the army's alleged plans to invade the island were groundless")
    assert not is_forecast("the coastal radar would have registered a rocket if one had been fired")
    assert is_forecast("the army plans to invade the island in the spring")
    assert is_forecast("the coastal radar would register any rocket fired from the hills")
