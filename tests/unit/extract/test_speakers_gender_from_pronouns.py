"""Genders the narration tells by pronoun, used to resolve "he" and "she" (issue 15)."""

from __future__ import annotations

import pytest

from receipts.extract.speakers import SpeakerResolver


def _quote(doc, needle):
    hits = [q for q in doc._.quotes if needle in q.content.text]
    assert hits, f"no quote containing {needle!r} in {[q.content.text for q in doc._.quotes]}"
    return hits[0]


def _gender_of_first_person(doc):
    person = next(m for m in doc._.mentions if m.kind == "person")
    return SpeakerResolver(doc, doc._.mentions).gender(person.canonical)


@pytest.mark.issue(15)
def test_she_after_a_sentence_naming_one_person_tells_her_gender(parse):
    doc = parse("Ana Veld chaired the meeting on Monday. She thanked the staff.")
    assert _gender_of_first_person(doc) == "f"


@pytest.mark.issue(15)
def test_he_is_not_a_person_the_narration_calls_she(parse):
    doc = parse(
        "Ana Veld chaired the meeting on Monday. She thanked the staff. Tomas Ferro arrived late. "
        "Ana Veld greeted Tomas Ferro at the door. Later he said that the plan was sound."
    )
    assert _quote(doc, "plan was sound").speaker.name == "Tomas Ferro"


@pytest.mark.issue(15)
def test_person_called_both_he_and_she_keeps_no_gender(parse):
    told = parse("Sam Reed chaired the meeting. He thanked the staff.")
    both = parse("Sam Reed chaired the meeting. He thanked the staff. Sam Reed left early. She waved.")
    assert _gender_of_first_person(told) == "m"
    assert _gender_of_first_person(both) is None


@pytest.mark.issue(15)
def test_name_inside_a_quote_tells_no_gender(parse):
    assert _gender_of_first_person(parse("Ana Veld was wrong. She said it twice.")) == "f"
    assert _gender_of_first_person(parse('"Ana Veld is wrong." She said it twice.')) is None
