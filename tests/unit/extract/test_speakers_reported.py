"""Speakers of words passed on by others, of offices set beside a name, and of descriptions that
follow the person they describe (issue 15, session 20)."""

from __future__ import annotations

import pytest

from receipts.extract.attribution import merge_with_rules
from receipts.extract.quotes import extract_quotes
from receipts.types import Quote, Span, Speaker


def _speakers(doc, needle):
    return [q.speaker.name if q.speaker else None for q in doc._.quotes if needle in q.content.text]


@pytest.mark.issue(15)
def test_words_passed_on_by_news_agencies_stay_the_speakers_in_the_rules(parse):
    doc = parse(
        "Ostravia disputed that a missile had been used. Deputy Foreign Minister Ivan Petrenko said the report "
        'was "an obvious attempt to draw a biased conclusion, and carry out political orders", according to '
        "Ostravian news agencies."
    )
    [q] = [q for q in extract_quotes(doc) if "obvious attempt" in q.content.text]
    assert q.speaker.name == "Ivan Petrenko" and q.cue.text == "said"


@pytest.mark.issue(15)
def test_an_attribution_inside_a_report_passed_on_is_kept_nested():
    """The tagger reads "[Petrenko said the report was ...], according to agencies" as one attribution
    of the agencies; the rules' attribution of Petrenko inside it is kept, nested in it."""
    agencies = Speaker("Ostravian news agencies", "unknown", Span(120, 143, "Ostravian news agencies"))
    model = [Quote(content=Span(20, 105, "x" * 85), speaker=agencies, cue=Span(107, 119, "according to"), direct=False)]
    petrenko = Speaker("Ivan Petrenko", "person", Span(0, 33, "Deputy Foreign Minister Ivan Petrenko"))
    inside = Quote(content=Span(40, 105, "y" * 65), speaker=petrenko, cue=Span(34, 38, "said"), direct=False)
    merged = merge_with_rules(model, [inside])
    assert [q.speaker.name for q in merged] == ["Ostravian news agencies", "Ivan Petrenko"]
    assert merged[1].nested_in == merged[0].id
    said = Quote(content=Span(20, 105, "x" * 85), speaker=agencies, cue=Span(10, 14, "said"), direct=False)
    assert merge_with_rules([said], [inside]) == [said]  # not a report passed on: the rule quote yields


@pytest.mark.issue(15)
def test_an_office_with_its_holder_in_apposition_is_the_holder(parse):
    doc = parse('The Bishop of Wells, the Rt Revd Peter Hancock, told the station that it was "a pity".')
    assert _speakers(doc, "pity") == ["Peter Hancock"]


@pytest.mark.issue(15)
def test_the_title_resolves_to_the_name_set_beside_it_earlier(parse):
    doc = parse(
        "Ostravia's ambassador to the union, Tomas Ferro, spoke on Sunday. "
        'The ambassador also said the minister was "acting in bad faith".'
    )
    assert _speakers(doc, "bad faith") == ["Tomas Ferro"]


@pytest.mark.issue(15)
def test_a_description_after_a_named_subject_is_that_person(parse):
    doc = parse(
        "Maria Hale said the case was already clear. "
        '"They knew the rules and they broke them," the opposition leader said.'
    )
    assert _speakers(doc, "knew the rules") == ["Maria Hale"]


@pytest.mark.issue(15)
def test_a_description_after_someone_else_described_stays_unresolved(parse):
    doc = parse(
        "Maria Hale spoke on Monday. A senior official said the talks had stalled. "
        '"They knew the rules and they broke them," the opposition leader said.'
    )
    assert "Maria Hale" not in _speakers(doc, "knew the rules")


@pytest.mark.issue(15)
def test_a_report_released_by_a_body_speaks_for_it(parse):
    doc = parse(
        'The port was "entirely mismanaged", according to a report released on Monday by the Harbour Audit Commission.'
    )
    assert _speakers(doc, "mismanaged") == ["Harbour Audit Commission"]


@pytest.mark.issue(15)
def test_the_panel_is_the_committee_named_before(parse):
    doc = parse(
        "The Harbour Audit Committee published its findings on Monday. "
        'The panel said the port "failed to keep proper records".'
    )
    assert _speakers(doc, "proper records") == ["Harbour Audit Committee"]


@pytest.mark.issue(15)
def test_a_description_is_the_subject_of_the_main_clause_not_of_a_clause_under_it(parse):
    doc = parse(
        'Maria Hale responded that Tom Reyes had mocked her for a year. "He will lose this race," the senator said.'
    )
    assert _speakers(doc, "lose this race") == ["Maria Hale"]


@pytest.mark.issue(15)
def test_an_unnamed_source_is_not_the_person_named_before(parse):
    doc = parse('Maria Hale said the talks were over. "It is finished," the source said.')
    assert "Maria Hale" not in _speakers(doc, "It is finished")


@pytest.mark.issue(15)
def test_a_fact_sheet_speaks_for_who_released_it(parse):
    doc = parse(
        "The Harbour Ministry rejected that account on Wednesday, releasing a 10-point fact sheet. "
        '"Strong evidence suggests that the units came from abroad," the fact sheet said.'
    )
    assert _speakers(doc, "Strong evidence") == ["Harbour Ministry"]


@pytest.mark.issue(15)
def test_a_vow_inside_a_newspaper_report_is_the_vower_s():
    """The tagger reads "[..., but vowed to 'ride the storm out'], the Sun reported" as the Sun's; the
    rules' attribution of the mayor, named just before the tagged words, is kept nested in it."""
    sun = Speaker("Harbour Sun", "organisation", Span(150, 165, "the Harbour Sun"))
    model = [Quote(content=Span(60, 148, "x" * 88), speaker=sun, cue=Span(166, 174, "reported"), direct=False)]
    mayor = Speaker("Tom Reyes", "person", Span(0, 19, "Harbour Mayor Tom Reyes"))
    vow = Quote(content=Span(70, 148, "y" * 78), speaker=mayor, cue=Span(64, 69, "vowed"), direct=False)
    merged = merge_with_rules(model, [vow])
    assert [q.speaker.name for q in merged] == ["Harbour Sun", "Tom Reyes"] and merged[1].nested_in == merged[0].id
    person = Speaker("Ana Veld", "person", Span(150, 158, "Ana Veld"))
    told = Quote(content=Span(60, 148, "x" * 88), speaker=person, cue=Span(159, 167, "reported"), direct=False)
    assert merge_with_rules([told], [vow]) == [told]  # a person's report is not a newspaper passing words on
