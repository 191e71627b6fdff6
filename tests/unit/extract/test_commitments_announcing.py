"""A speaker announcing what they are about to say makes no commitment."""

from __future__ import annotations

from receipts.extract.commitments import extract_commitments


def test_i_will_restate_announces_a_statement_not_a_pledge(nlp):
    doc = nlp('The cyclist wrote on his site: "I will simply restate what I have said many times: I never cheated."')
    assert not [c for c in extract_commitments(doc) if "restate" in c.action]


def test_a_first_person_will_about_a_deed_is_still_a_pledge(nlp):
    doc = nlp('The cyclist wrote on his site: "I will repay every sponsor by June."')
    assert [c for c in extract_commitments(doc) if "repay" in c.action]
