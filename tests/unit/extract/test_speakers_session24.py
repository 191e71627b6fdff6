"""A source the tagger starts at a relative pronoun is the noun the clause describes (issue 15, session 24)."""

from __future__ import annotations

import pytest


def _speakers(doc, needle):
    return [q.speaker.name if q.speaker else None for q in doc._.quotes if needle in q.content.text]


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("text", "needle", "speaker"),
    [
        (
            "Marta Kessler toured the base in 1996. Dario Velt, who backs Anna Orsk, told reporters on Monday "
            'that the "scariest" part of the trip was the food.',
            "scariest",
            "Dario Velt",
        ),
        (
            "Velmar Attorney General Lena Orsk, whose office had sued the company, said: "
            '"The court got it right on Friday."',
            "court got it right",
            "Lena Orsk",
        ),
    ],
)
def test_a_relative_clause_is_not_the_speaker(parse, text, needle, speaker):
    doc = parse(text)
    assert _speakers(doc, needle) == [speaker]


def _speaker_of(doc, source: str):
    from receipts.extract.attribution import _speaker
    from receipts.extract.speakers import SpeakerResolver

    start = doc.text.index(source)
    found = _speaker(doc, SpeakerResolver(doc, doc._.mentions), (start, start + len(source)))
    return found.name if found else None


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        (  # the tagged source starts at the relative pronoun: its antecedent speaks
            'Dario Velt, who backs Anna Orsk, told reporters that the "scariest" part was the food.',
            "who backs Anna Orsk,",
            "Dario Velt",
        ),
        (  # the tagged source runs into the relative clause: the clause is cut off
            "Velmar Attorney General Lena Orsk, whose office had sued the company, said the court was right.",
            "Velmar Attorney General Lena Orsk, whose office",
            "Lena Orsk",
        ),
    ],
)
def test_relative_source_takes_the_noun_the_clause_describes(parse, text, source, speaker):
    assert _speaker_of(parse(text), source) == speaker


@pytest.mark.issue(15)
def test_relative_source_leaves_a_source_without_a_relative_clause(parse):
    doc = parse("Marta Kessler, the minister, said the talks which began in May had failed.")
    assert _speaker_of(doc, "Marta Kessler, the minister,") == "Marta Kessler"


@pytest.mark.issue(15)
def test_a_body_named_again_by_the_head_noun_of_its_name(parse):
    doc = parse(
        "Velmar's State Border Guard Service said on Thursday that troops had crossed the frontier at dawn. "
        'The service said: "The crossing at Orsk is closed until further notice."'
    )
    (name,) = _speakers(doc, "crossing at Orsk")
    assert name is not None and name.endswith("State Border Guard Service")


@pytest.mark.issue(15)
def test_a_described_author_is_named_without_its_possessive(parse):
    doc = parse('The public inquiry\'s report said the council had been "grossly negligent" for years.')
    assert _speakers(doc, "grossly negligent") == ["public inquiry"]
