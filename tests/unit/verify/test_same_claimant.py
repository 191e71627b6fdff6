from datetime import date

from receipts.verify.verifier import Candidate, ClaimInput, same_claimant


def claim(speaker, source="Velmar Courier"):
    return ClaimInput("c1", "No structure had been dismantled.", speaker, source, "d1", date(2026, 7, 15))


def cand(speaker, source, kind=None):
    return Candidate("s1", "d2", 0, 10, "Construction has continued.", speaker, source, date(2026, 7, 16), kind)


def test_a_speaker_repeating_themselves_is_the_same_claimant():
    assert same_claimant(claim("Marta Kessler"), cand("marta kessler", "Other Paper", "person"))
    assert same_claimant(claim("Northstar Monitor"), cand("Northstar", "Other Paper", "organisation"))
    assert not same_claimant(claim("Marta Kessler"), cand("Ruth Adeyemi", "Velmar Courier", "person"))


def test_an_outlets_own_reporting_speaks_for_the_outlet():
    # narration and a quoted document in Northstar Monitor's own report are Northstar speaking
    assert same_claimant(claim("Northstar Monitor"), cand(None, "Northstar Monitor"))
    assert same_claimant(claim("Northstar Monitor"), cand("an analysis", "Northstar Monitor", "document"))
    # but a person quoted in that report is someone else
    assert not same_claimant(claim("Northstar Monitor"), cand("Ruth Adeyemi", "Northstar Monitor", "person"))
    # and another outlet's narration is independent
    assert not same_claimant(claim("Northstar Monitor"), cand(None, "Meridian Wire"))


def test_narration_against_the_same_outlets_narration():
    assert same_claimant(claim(None, "Meridian Wire"), cand(None, "Meridian Wire"))
    assert not same_claimant(claim(None, "Meridian Wire"), cand(None, "Velmar Courier"))
