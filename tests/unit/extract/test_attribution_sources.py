"""Who spoke, where the tagger or the parse slips (issue 15): a second verb of saying hung on the
first one's clause, a possessive cue, a cue cut to its auxiliary, a cue and source without content,
a source of only function words, a cue in pieces, and a quotation that is the clause of any verb.
Invented sentences."""

from __future__ import annotations

import pytest

from receipts.extract.attribution import (
    PARSED_CONTENT,
    _join_cue_pieces,
    coordinated_report,
    cue_speaker,
    group_attributions,
    merge_with_rules,
)
from receipts.extract.quotes import extract_quotes
from receipts.extract.speakers import SpeakerResolver
from receipts.types import Quote, Span


def _at(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def _spans(text: str, *marks: tuple[str, str]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for label, s in marks:
        a, b = _at(text, s, pos)
        out.append((a, b, label))
        pos = a
    return out


def _group(parse, text: str, *marks: tuple[str, str]) -> list[Quote]:
    doc = parse(text)
    return group_attributions(doc, _spans(text, *marks), SpeakerResolver(doc, doc._.mentions))


SECOND_SAID = (
    "Rui Castell said his recent attacks on the mayor have given his campaign momentum "
    "and said that the port would stay open."
)


@pytest.mark.issue(15)
def test_a_second_said_hung_on_the_first_clause_keeps_the_first_subject(parse):
    doc = parse(SECOND_SAID)
    second = doc.char_span(*_at(SECOND_SAID, "said", SECOND_SAID.index("and")))
    report = coordinated_report(second.root)
    assert report is not None and report.idx == SECOND_SAID.index("said")
    speaker = cue_speaker(doc, SpeakerResolver(doc, doc._.mentions), (second.start_char, second.end_char))
    assert speaker is not None and "Castell" in speaker.name


@pytest.mark.issue(15)
def test_a_second_said_quote_is_not_spoken_by_the_first_clause(parse):
    doc = parse(SECOND_SAID)
    port = next(q for q in extract_quotes(doc) if "port would stay open" in q.content.text)
    assert port.speaker is not None and "Castell" in port.speaker.name


@pytest.mark.issue(15)
def test_a_coordinated_verb_with_its_own_subject_is_left_alone(parse):
    text = "Ana Veld said the plan was good and the mayor said it was late."
    doc = parse(text)
    second = doc.char_span(*_at(text, "said", text.index("mayor")))
    assert coordinated_report(second.root) is None


@pytest.mark.issue(15)
def test_a_possessive_cue_is_spoken_by_its_owner(parse):
    text = "Mr. Sanders dismissed his rival's call for a debate."
    doc = parse(text)
    speaker = cue_speaker(doc, SpeakerResolver(doc, doc._.mentions), _at(text, "call for"))
    assert speaker is not None and speaker.span.text == "his rival's"


@pytest.mark.issue(15)
def test_a_cue_cut_to_its_auxiliary_takes_its_verb(parse):
    text = "The mayor has questioned the budget."
    quotes = _group(parse, text, ("SOURCE", "The mayor"), ("CUE", "has"), ("CONTENT", "the budget"))
    assert [q.cue.text for q in quotes] == ["has questioned"]


@pytest.mark.issue(15)
def test_an_auxiliary_cue_keeps_a_verb_tagged_as_something_else(parse):
    text = "The mayor has questioned the budget."
    quotes = _group(parse, text, ("SOURCE", "The mayor"), ("CUE", "has"), ("CONTENT", "questioned the budget"))
    assert [q.cue.text for q in quotes] == ["has"]


@pytest.mark.issue(15)
def test_a_cue_and_source_without_content_take_the_object_from_the_parse(parse):
    text = "The mayor has questioned the budget."
    [q] = _group(parse, text, ("SOURCE", "The mayor"), ("CUE", "has questioned"))
    assert q.content.text == "the budget" and q.method.endswith(PARSED_CONTENT)
    assert q.speaker is not None and q.speaker.span.text == "The mayor"


@pytest.mark.issue(15)
def test_a_cue_without_source_or_content_is_no_attribution(parse):
    text = "The mayor has questioned the budget."
    assert _group(parse, text, ("CUE", "has questioned")) == []


@pytest.mark.issue(15)
def test_a_content_from_the_parse_yields_to_a_rule_quote_over_it():
    text = "The mayor has questioned the budget."
    parsed = Quote(
        content=Span(*_at(text, "the budget"), "the budget"),
        speaker=None,
        cue=None,
        direct=False,
        method="x" + PARSED_CONTENT,
    )
    rule = Quote(content=Span(*_at(text, "budget"), "budget"), speaker=None, cue=None, direct=False)
    assert merge_with_rules([parsed], [rule]) == [rule]


@pytest.mark.issue(15)
def test_a_source_of_only_function_words_is_no_source(parse):
    text = "The budget office said the plan was good."
    [q] = _group(parse, text, ("SOURCE", "The"), ("CUE", "said"), ("CONTENT", "the plan was good"))
    assert q.speaker is not None and q.speaker.span.text == "The budget office"


@pytest.mark.issue(15)
def test_a_quotation_takes_the_verb_it_is_the_clause_of(parse):
    doc = parse('"Go back to the harbour," Ana Veld barked and a guard escorted the man out.')
    [q] = [q for q in extract_quotes(doc) if "harbour" in q.content.text]
    assert q.cue is not None and q.cue.text == "barked"
    assert q.speaker is not None and "Veld" in q.speaker.name


@pytest.mark.issue(15)
def test_a_quotation_a_form_of_be_hangs_on_has_no_cue(parse):
    doc = parse('The slogans were simple. "Law and Order" is what the crowd wanted.')
    assert all(q.cue is None or q.cue.text != "is" for q in extract_quotes(doc))


@pytest.mark.issue(15)
def test_cue_pieces_with_only_adverbs_between_are_one_cue(parse):
    text = "The mayor was slightly more likely to support the plan."
    quotes = _group(
        parse, text, ("SOURCE", "The mayor"), ("CUE", "was"), ("CUE", "more likely to support"), ("CONTENT", "the plan")
    )
    assert [q.cue.text for q in quotes] == ["was slightly more likely to support"]


@pytest.mark.issue(15)
def test_cue_pieces_with_a_noun_between_stay_apart(parse):
    text = "The mayor told reporters about the plan."
    doc = parse(text)
    spans = _spans(text, ("CUE", "told"), ("CUE", "about"))
    assert sorted(_join_cue_pieces(doc, spans)) == sorted(spans)


@pytest.mark.issue(15)
def test_a_content_from_the_parse_stops_at_the_next_tagged_cue_after_a_comma(parse):
    text = "Ana Veld says she would release the report on Friday, calling it boring."
    quotes = _group(parse, text, ("SOURCE", "Ana Veld"), ("CUE", "says"), ("CUE", "calling"), ("CONTENT", "it boring"))
    says = next(q for q in quotes if q.cue.text == "says")
    assert says.content.text == "she would release the report on Friday"


@pytest.mark.issue(15)
@pytest.mark.parametrize("lead", ["of", "from"])
def test_a_tagged_source_does_not_start_with_a_preposition(parse, lead):
    """Real news: "[of GOP primary voters] saying they want a ban" named the speaker "of GOP primary voters"."""
    from receipts.extract.attribution import _speaker

    text = f"Half {lead} the county's farmers said the ban was right."
    doc = parse(text)
    start = text.index(f"{lead} the county")
    end = text.index(" said")
    sp = _speaker(doc, SpeakerResolver(doc, doc._.mentions), (start, end))
    assert sp.name == "the county's farmers" and sp.span.text == "the county's farmers"
