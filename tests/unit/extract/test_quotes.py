from __future__ import annotations

import pytest

from receipts.extract.quotes import extract_quotes, find_quote_marks


def _by_text(doc, needle):
    hits = [q for q in doc._.quotes if needle in q.content.text]
    assert hits, f"no quote containing {needle!r} in {[q.content.text for q in doc._.quotes]}"
    return hits[0]


def test_find_quote_marks_pairs_straight_and_curly():
    text = 'He said "one thing" and then \u201canother thing\u201d.'
    raws = find_quote_marks(text)
    assert [text[r.start : r.end] for r in raws] == ['"one thing"', "\u201canother thing\u201d"]


def test_find_quote_marks_runs_over_paragraphs():
    text = '"The first paragraph goes on\n\n"and the second one closes it," she said.'
    raws = [r for r in find_quote_marks(text) if not r.nested]
    assert len(raws) == 1
    assert text[raws[0].start : raws[0].end].endswith('closes it,"')


def test_find_quote_marks_ignores_apostrophes_inside_quote():
    text = "\u201cWe don't know what Dravania's plan is,\u201d she said."
    assert [r for r in find_quote_marks(text) if r.nested] == []


def test_extract_quotes_speaker_after_said(parse):
    doc = parse('"We will rebuild the bridge by spring," Governor Lina Marsh said on Monday.')
    q = _by_text(doc, "rebuild the bridge")
    assert q.direct and q.speaker.name == "Lina Marsh" and q.cue.text == "said"


def test_extract_quotes_inverted_cue(parse):
    doc = parse('"The numbers are wrong," said Peter Olsen, the council treasurer.')
    assert _by_text(doc, "numbers are wrong").speaker.name == "Peter Olsen"


def test_extract_quotes_split_around_cue(parse):
    doc = parse('"We are ready," Anna Berg said, "to talk at any time."')
    q = _by_text(doc, "We are ready")
    assert len(q.fragments) == 2
    assert q.fragments[1].text == '"to talk at any time."'
    assert q.speaker.name == "Anna Berg"


def test_extract_quotes_pronoun_speaker_he_added(parse):
    text = (
        'Mayor Tom Reyes opened the new library on Friday. "It took six years," Reyes said.\n\n'
        '"It was worth every day," he added.'
    )
    q = _by_text(parse(text), "worth every day")
    assert q.speaker.name == "Tom Reyes" and q.speaker.via == "pronoun"


def test_extract_quotes_continuation_inherits_speaker(parse):
    text = '"We will return them within 60 days," Ivo Brandt told reporters. "Every family deserves that."'
    assert _by_text(parse(text), "Every family").speaker.name == "Ivo Brandt"


def test_extract_quotes_nested_single_quote_has_inner_speaker(parse):
    text = (
        "Minister Paul Okoro met his counterpart, Sara Lind, on Monday.\n\n"
        "\"She told me, 'We are committed to the process,' and I believe her,\" Okoro said."
    )
    doc = parse(text)
    outer = _by_text(doc, "She told me")
    inner = [q for q in doc._.quotes if q.nested_in == outer.id]
    assert outer.speaker.name == "Paul Okoro"
    assert inner and inner[0].speaker.name == "Sara Lind"


def test_extract_quotes_nested_inside_leader_quote(parse):
    text = (
        'President Ana Torres spoke at the rally. "I met the families. These people said, '
        "'I can't believe it,' and they were right,\" Torres said."
    )
    doc = parse(text)
    outer = _by_text(doc, "I met the families")
    assert outer.speaker.name == "Ana Torres"
    assert any(q.nested_in == outer.id and "believe it" in q.content.text for q in doc._.quotes)


def test_extract_quotes_indirect_said_that(parse):
    q = _by_text(parse("Senator Maria Vance said that the budget had doubled since 2020."), "budget had doubled")
    assert not q.direct and q.speaker.name == "Maria Vance" and q.cue.text == "said"


def test_extract_quotes_according_to(parse):
    q = _by_text(parse("The factory closed in March, according to the Labour Ministry."), "factory closed")
    assert q.cue.text.lower() == "according to" and "Labour Ministry" in q.speaker.name


def test_extract_quotes_told_outlet(parse):
    q = _by_text(parse("Paul Okoro told the Harbour Times the deal was finished."), "deal was finished")
    assert q.speaker.name == "Paul Okoro" and q.cue.text == "told"


def test_extract_quotes_denied(parse):
    q = _by_text(parse("Sara Lind denied that the meeting had been cancelled."), "meeting had been cancelled")
    assert q.speaker.name == "Sara Lind" and q.cue.text == "denied"


def test_extract_quotes_description_speaker_with_relative_clause(parse):
    text = "A senior U.S. official who spoke with the Harbour Times said the talks had stalled."
    q = _by_text(parse(text), "talks had stalled")
    assert q.speaker.kind == "person" and q.speaker.via == "description"
    assert q.speaker.name.startswith("A senior U.S. official") and "who spoke" not in q.speaker.name


@pytest.mark.parametrize(
    "text,name",
    [
        ("Officials on both sides acknowledged on Monday that no ferry had sailed.", "Officials on both sides"),
        ("Diplomats from both countries said the ferry would not sail.", "Diplomats from both countries"),
        ("Officials on Monday said the ferry would not sail.", "Officials"),
    ],
)
def test_description_speaker_keeps_who_they_are_not_when(parse, text, name):
    q = _by_text(parse(text), "ferry")
    assert q.speaker is not None and q.speaker.name == name


def test_extract_quotes_institution_in_statement(parse):
    text = (
        "The foreign ministry said in a statement through the state news agency that the talks "
        "had brought a dangerous situation."
    )
    q = _by_text(parse(text), "dangerous situation")
    assert q.speaker.kind == "organisation" and "foreign ministry" in q.speaker.name


def test_the_statement_speaks_for_whoever_issued_it(parse):
    text = (
        "A spokesperson for the harbour board issued a statement on Monday about the storm. "
        '"The berths are closed," the statement said.'
    )
    q = _by_text(parse(text), "The berths are closed")
    assert q.speaker.name == "A spokesperson for the harbour board" and q.speaker.span.text == "the statement"


def test_the_report_speaks_for_the_author_named_earlier(parse):
    text = (
        "The western pier has been rebuilt, according to an analysis by the Harbour Survey Office. "
        "The report contradicts the minister's claim that the pier was abandoned."
    )
    q = _by_text(parse(text), "minister's claim")
    assert q.speaker.name == "Harbour Survey Office" and q.speaker.via == "document"


def test_extract_quotes_document_speaker(parse):
    q = _by_text(parse("The agreement states that all troops will leave by June."), "troops will leave")
    assert q.speaker.kind == "document"


@pytest.mark.parametrize(
    "text, author",
    [
        (
            "Construction has continued since the summit, according to an analysis by Northstar Monitor, "
            "an independent monitoring group.",
            "Northstar Monitor",
        ),
        ("A report from the Harbour Authority said that the pier had been closed since March.", "Harbour Authority"),
    ],
)
def test_extract_quotes_document_speaks_for_its_author(parse, text, author):
    q = next(q for q in parse(text)._.quotes if q.speaker is not None)
    assert author in q.speaker.name and q.speaker.kind != "document" and q.speaker.via == "document"


def test_extract_quotes_letter_called_on(parse):
    text = 'In a letter, Chairman Ivo Brandt called on President Kessler to "respect the spirit of Geneva".'
    q = _by_text(parse(text), "respect the spirit")
    assert q.speaker.name == "Ivo Brandt" and q.cue.text in ("called", "called on")


def test_extract_quotes_scare_quote_without_cue_is_dropped(parse):
    doc = parse('The so-called "peace dividend" never arrived in the valley towns.')
    assert all("peace dividend" not in q.content.text for q in doc._.quotes)


def test_extract_quotes_offsets_point_into_text(parse):
    text = '"We are ready," Anna Berg said, "to talk."\n\nShe said that the offer stands.'
    doc = parse(text)
    for q in doc._.quotes:
        assert text[q.content.start : q.content.end] == q.content.text
        if q.speaker and q.speaker.span:
            assert text[q.speaker.span.start : q.speaker.span.end] == q.speaker.span.text


def test_extract_quotes_runs_without_pipeline_mentions(nlp):
    doc = nlp.make_doc("x")
    assert extract_quotes(doc, mentions=()) == []


def test_the_official_is_the_senior_official_described_before(parse):
    text = (
        "Delegates waited for three hours, a senior Ostravian official said. "
        '"We were at the table. They were not," the official said.'
    )
    quotes = parse(text)._.quotes
    later = _by_text(parse(text), "We were at the table")
    assert later.speaker.name.lower().startswith("a senior ostravian official")
    assert any(q.speaker and q.speaker.span.text == "the official" for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "The pact sets no date for the handover, according to a copy seen by the Harbour Wire.",
        "According to a draft of the agreement, the handover will take place in March.",
    ],
)
def test_a_copy_speaks_for_the_document_it_copies(parse, text):
    q = next(q for q in parse(text)._.quotes if q.speaker is not None)
    assert q.speaker.kind == "document" or q.speaker.via == "document"
    assert q.speaker.name.split()[-1] in ("pact", "agreement"), q.speaker


def test_a_content_does_not_stop_inside_a_hyphenated_word(parse):
    from receipts.extract.attribution import _content_end

    doc = parse('Asked about the soldiers, the minister said: "They were self-defense teams," and left.')
    a = doc.text.index("They")
    b = a + len("They were self")
    assert doc.text[slice(*_content_end(doc, (a, b), []))] == "They were self-defense teams"
