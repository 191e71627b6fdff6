"""Party words before a title, and names a person's role stands in apposition to (issue 15, session 23)."""

from __future__ import annotations

import pytest


def _speakers(doc, needle):
    return [q.speaker.name if q.speaker else None for q in doc._.quotes if needle in q.content.text]


@pytest.mark.issue(15)
def test_party_word_before_a_title_the_text_gave_without_it(parse):
    doc = parse(
        'Velmar Gov. Rui Castell blamed the storm on Tuesday. "The grid held up," Castell said. '
        'The Republican governor added that the plan would be a "deadly deal" for the state.'
    )
    assert _speakers(doc, "deadly deal") == ["Rui Castell"]


@pytest.mark.issue(15)
def test_party_word_does_not_pick_between_two_governors(parse):
    doc = parse(
        "Velmar Gov. Rui Castell and Ostrava Gov. Lena Orsk met on Tuesday. "
        'The Republican governor said the plan would be a "deadly deal" for the state.'
    )
    assert _speakers(doc, "deadly deal") not in (["Rui Castell"], ["Lena Orsk"])


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "sentence",
    [
        'Outside the courthouse, Jones\'s lawyer, Norm Pattis, said: "We look forward to an appeal."',
        'Norm Pattis, Jones\'s lawyer, said outside the courthouse: "We look forward to an appeal."',
    ],
)
def test_a_name_in_apposition_to_a_role_is_a_person(parse, sentence):
    doc = parse("Alex Jones was ordered to pay damages on Friday. " + sentence)
    assert _speakers(doc, "appeal") == ["Norm Pattis"]


@pytest.mark.issue(15)
def test_a_name_tagged_as_a_place_in_apposition_to_a_role_is_a_person_mention(parse):
    doc = parse(
        "Alex Jones was ordered to pay damages on Friday. "
        'Outside the courthouse, Jones\'s lawyer, Norm Pattis, said: "We look forward to an appeal." '
        'He went on: "We disagree with the ruling."'
    )
    assert any(m.canonical == "Norm Pattis" and m.kind == "person" for m in doc._.mentions)
    assert _speakers(doc, "disagree") == ["Norm Pattis"]


@pytest.mark.issue(15)
def test_a_known_body_in_apposition_stays_a_body(parse):
    doc = parse('Its owner, the Kremlin, said: "We look forward to an appeal."')
    assert not any(m.kind == "person" and "Kremlin" in m.canonical for m in doc._.mentions)


@pytest.mark.issue(15)
def test_a_sentence_opening_on_according_to_frames_what_follows(parse):
    doc = parse(
        'Prosecutors said the singer staged the scene. "First he tried to get attention with a letter," '
        'Commander Ed Varga said. "When that failed, he paid two brothers to stage the attack." '
        "According to the Daily Ledger, the singer earned $65,000 an episode."
    )
    (speaker,) = _speakers(doc, "When that failed")
    assert speaker is not None and speaker.endswith("Ed Varga")
