"""Speakers from context: the parse's subject of a cue, quotation paragraphs carried on, and
quotations kept off a later cue (issue 15). Invented sentences; spans given by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from receipts.extract.attribution import cue_speaker, group_attributions
from receipts.extract.coreference import carried_on, cue_subject
from receipts.extract.speakers import SpeakerResolver
from receipts.types import Quote, Span, Speaker


def _at(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span(i, i + len(needle), needle)


def _spans(text: str, *marks: tuple[str, str]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for label, s in marks:
        i = text.index(s, pos)
        out.append((i, i + len(s), label))
        pos = i
    return out


def _speaker_of_cue(doc, text: str, cue: str):
    span = _at(text, cue)
    return cue_speaker(doc, SpeakerResolver(doc, doc._.mentions), (span.start, span.end))


@pytest.mark.issue(15)
def test_an_adjective_cue_takes_the_subject_of_its_clause(parse):
    text = "The dairy farmers are not confident about the new quota."
    speaker = _speaker_of_cue(parse(text), text, "confident about")
    assert speaker is not None and speaker.span.text == "The dairy farmers"


@pytest.mark.issue(15)
def test_a_colon_cue_takes_the_subject_of_its_verb(parse):
    text = 'Harbour master Rui Castell continued: "The berths stay open."'
    speaker = _speaker_of_cue(parse(text), text, ":")
    assert speaker is not None and speaker.name == "Rui Castell"


@pytest.mark.issue(15)
def test_an_unresolved_pronoun_subject_is_still_the_source(parse):
    text = "Someone told the council that the bridge was unsafe."
    speaker = _speaker_of_cue(parse(text), text, "told")
    assert speaker is not None and speaker.span.text == "Someone" and speaker.kind == "unknown"


@pytest.mark.issue(15)
def test_a_relative_pronoun_without_antecedent_names_nobody(parse):
    text = "Who cares about the quota?"
    assert _speaker_of_cue(parse(text), text, "cares about") is None


@pytest.mark.issue(15)
def test_a_rule_quote_with_a_cue_and_no_speaker_takes_the_parse_subject(parse):
    text = "The mayor praised the nurses, noting that the clinics had opened on time."
    doc = parse(text)
    q = Quote(
        content=_at(text, "that the clinics had opened on time"), speaker=None, cue=_at(text, "noting"), direct=False
    )
    [out] = cue_subject(doc, [q], SpeakerResolver(doc, doc._.mentions))
    assert out.speaker is not None and out.speaker.span.text == "The mayor"
    # a quote that already has a speaker keeps it
    ana = Speaker("Ana Veld", "person", _at(text, "The mayor"))
    [kept] = cue_subject(doc, [replace(q, speaker=ana)], SpeakerResolver(doc, doc._.mentions))
    assert kept.speaker is ana


def _two_paragraphs(parse, first: str, second: str):
    text = f"{first}\n\n{second}"
    doc = parse(text)
    return text, doc, SpeakerResolver(doc, doc._.mentions)


@pytest.mark.issue(15)
def test_a_quotation_paragraph_carries_on_the_previous_speaker(parse):
    text, doc, resolver = _two_paragraphs(
        parse, '"The dam will hold," said engineer Ana Veld.', '"We checked every gate twice this week."'
    )
    ana = Speaker("Ana Veld", "person", _at(text, "Ana Veld"))
    first = Quote(content=_at(text, '"The dam will hold,"'), speaker=ana, cue=_at(text, "said"), direct=True)
    second = Quote(content=_at(text, '"We checked every gate twice this week."'), speaker=None, cue=None, direct=True)
    out = carried_on(doc, [first, second], resolver)
    assert out[1].speaker == ana and out[1].cue == first.cue


@pytest.mark.issue(15)
def test_a_reporters_sentence_between_stops_the_carry_on(parse):
    text, doc, resolver = _two_paragraphs(
        parse,
        '"The dam will hold," said engineer Ana Veld. The river rose by two metres overnight and the roads closed.',
        '"We checked every gate twice this week."',
    )
    ana = Speaker("Ana Veld", "person", _at(text, "Ana Veld"))
    first = Quote(content=_at(text, '"The dam will hold,"'), speaker=ana, cue=_at(text, "said"), direct=True)
    second = Quote(content=_at(text, '"We checked every gate twice this week."'), speaker=None, cue=None, direct=True)
    assert carried_on(doc, [first, second], resolver)[1].speaker is None


@pytest.mark.issue(15)
def test_a_long_attribution_without_a_second_sentence_carries_on(parse):
    text, doc, resolver = _two_paragraphs(
        parse,
        '"The dam will hold," said engineer Ana Veld during a visit to the St. Anna sluice with the mayor.',
        '"We checked every gate twice this week."',
    )
    ana = Speaker("Ana Veld", "person", _at(text, "Ana Veld"))
    first = Quote(content=_at(text, '"The dam will hold,"'), speaker=ana, cue=_at(text, "said"), direct=True)
    second = Quote(content=_at(text, '"We checked every gate twice this week."'), speaker=None, cue=None, direct=True)
    assert carried_on(doc, [first, second], resolver)[1].speaker == ana


@pytest.mark.issue(15)
def test_a_paragraph_ending_in_a_colon_introduces_the_next_quotation(parse):
    text, doc, resolver = _two_paragraphs(
        parse, "Harbour master Rui Castell went on to say:", '"Nobody will lose a job at this port."'
    )
    q = Quote(content=_at(text, '"Nobody will lose a job at this port."'), speaker=None, cue=None, direct=True)
    [out] = carried_on(doc, [q], resolver)
    assert out.speaker is not None and out.speaker.name == "Rui Castell" and out.cue is not None


@pytest.mark.issue(15)
def test_a_quotation_in_the_middle_of_a_paragraph_is_not_carried_on(parse):
    text = '"The dam will hold," said engineer Ana Veld. Then "we checked every gate" was all she said.'
    doc = parse(text)
    ana = Speaker("Ana Veld", "person", _at(text, "Ana Veld"))
    first = Quote(content=_at(text, '"The dam will hold,"'), speaker=ana, cue=_at(text, "said"), direct=True)
    second = Quote(content=_at(text, '"we checked every gate"'), speaker=None, cue=None, direct=True)
    assert carried_on(doc, [first, second], SpeakerResolver(doc, doc._.mentions))[1].speaker is None


@pytest.mark.issue(15)
def test_a_closed_quotation_is_not_the_next_sentences_cue(parse):
    text = (
        '"The count is wrong," Ana Veld wrote, adding that the totals were old. "It misleads the public." '
        "Tomas Ferro replied that the count was right."
    )
    doc = parse(text)
    spans = _spans(
        text,
        ("CONTENT", '"The count is wrong,"'),
        ("SOURCE", "Ana Veld"),
        ("CUE", "wrote"),
        ("CUE", "adding"),
        ("CONTENT", "that the totals were old"),
        ("CONTENT", '"It misleads the public."'),
        ("SOURCE", "Tomas Ferro"),
        ("CUE", "replied"),
        ("CONTENT", "that the count was right"),
    )
    quotes = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    replied = next(q for q in quotes if q.cue.text == "replied")
    assert "misleads" not in replied.content.text and replied.speaker.name == "Tomas Ferro"
    holder = next(q for q in quotes if "misleads" in q.content.text)
    assert holder.speaker is not None and "Veld" in holder.speaker.name


@pytest.mark.issue(15)
def test_a_quotation_before_its_own_cue_stays_with_it(parse):
    text = 'The count went on all night. "Is it two? Three?" Ana Veld asked about the ballots.'
    doc = parse(text)
    spans = _spans(
        text,
        ("CONTENT", '"Is it two? Three?"'),
        ("SOURCE", "Ana Veld"),
        ("CUE", "asked"),
        ("CONTENT", "about the ballots"),
    )
    quotes = group_attributions(doc, spans, SpeakerResolver(doc, doc._.mentions))
    holder = next(q for q in quotes if "Three" in q.content.text)
    assert holder.cue is not None and holder.cue.text == "asked" and "Veld" in holder.speaker.name
