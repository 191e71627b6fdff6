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


@pytest.mark.issue(15)
def test_the_actor_table_tells_the_gender_of_a_public_person_the_text_does_not(parse):
    doc = parse("Hillary Clinton spoke in Ohio on Monday.")
    assert _gender_of_first_person(doc) == "f"
    unknown = parse("Tessa Brun spoke in Ohio on Monday.")
    assert _gender_of_first_person(unknown) is None


@pytest.mark.issue(15)
def test_he_is_never_a_woman_the_actor_table_knows(parse):
    """Real-news audit: "He is backing Hillary Clinton, and he says he'll do everything he can" was
    credited to Clinton."""
    from receipts.extract.commitments import extract_commitments

    doc = parse("Our senator is backing Hillary Clinton, and he says he will campaign for her in Ohio.")
    assert all(c.actor != "Hillary Clinton" for c in extract_commitments(doc))


@pytest.mark.issue(15)
def test_a_gender_is_for_people_and_is_m_or_f():
    from receipts.errors import ConfigError
    from receipts.extract.actors import AliasTable

    table = AliasTable()
    table.merge({"actors": [{"name": "Ana Veld", "kind": "person", "gender": "f"}]}, "t.yaml")
    assert table.gender("Ana Veld") == "f" and table.gender("Tomas Ferro") is None
    for bad in ({"name": "Velmar Water", "kind": "organisation", "gender": "f"}, {"name": "X Y", "gender": "x"}):
        with pytest.raises(ConfigError, match="gender"):
            AliasTable().merge({"actors": [bad]}, "t.yaml")
