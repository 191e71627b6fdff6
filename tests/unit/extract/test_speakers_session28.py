"""A site, a post or an article named again speaks for the publication or person it belongs to (issue 15,
session 28)."""

from __future__ import annotations

import pytest


def _speakers(doc, needle):
    return [q.speaker.name if q.speaker else None for q in doc._.quotes if needle in q.content.text]


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("text", "needle", "speaker"),
    [
        (
            "A post on the website Quillwatch told readers that the mayor would close the bridge. It described "
            "the plan at length. The site then asserted that the closure was meant to punish the district.",
            "closure was meant",
            "Quillwatch",
        ),
        (
            "The rumour started on Harbor 9 Report, a satirical website, under a headline about the mayor. "
            'The site admits on its front page that it is not news. "Harbor 9 Report is a parody," the site says.',
            "is a parody",
            "Harbor 9 Report",
        ),
        (
            "The checkers traced the claim to an Aug. 29 post on the page of Dana Kowalczyk, a dentist from "
            'Tacoma. "The city quietly changed the numbers," the post said.',
            "quietly changed",
            "Dana Kowalczyk",
        ),
    ],
)
def test_a_site_or_post_named_again_is_its_publisher(parse, text, needle, speaker):
    assert _speakers(parse(text), needle) == [speaker]


@pytest.mark.issue(15)
def test_a_site_the_text_never_names_stays_unresolved(parse):
    doc = parse('Readers shared the rumour widely. "The bridge will close," the site said on Monday.')
    assert _speakers(doc, "bridge will close") == ["site"]


@pytest.mark.issue(15)
def test_a_platform_is_not_the_author_of_a_post_on_it(parse):
    doc = parse(
        "Readers shared the rumour widely. A Facebook post repeated it on Monday. "
        '"The bridge will close," the post said.'
    )
    assert _speakers(doc, "bridge will close") != ["Facebook"]


@pytest.mark.issue(15)
def test_a_party_or_a_role_named_again_is_the_person_just_named(parse):
    doc = parse(
        "Rep. Dale Hartigan was among the lawmakers briefed last week. "
        '"I am even more convinced that the bureau did its job," the Idaho Republican said.'
    )
    assert _speakers(doc, "even more convinced") == ["Dale Hartigan"]


@pytest.mark.issue(15)
def test_a_two_letter_family_name_written_first_stands_for_its_bearer(parse):
    doc = parse(
        "Ho Min-jun, a lawmaker elected last month, said the leader was ill. On Friday he apologised. "
        '"I will behave carefully going forward," Ho said.'
    )
    assert _speakers(doc, "behave carefully") == ["Ho Min-jun"]


@pytest.mark.issue(15)
def test_a_name_particle_does_not_stand_for_a_person(parse):
    doc = parse('Lena De Vries spoke first. "We will appeal," De said.')
    assert _speakers(doc, "We will appeal") != ["Lena De Vries"]


@pytest.mark.issue(15)
def test_a_statement_signed_by_someone_speaks_for_the_signer(parse):
    doc = parse(
        "No evidence of a crime was found. A statement signed by the chief prosecutor, Odile Marchetti, said "
        'the inquiry would go on. Among the causes, the statement cited "a badly stubbed out cigarette".'
    )
    assert _speakers(doc, "stubbed out") == ["Odile Marchetti"]


@pytest.mark.issue(15)
def test_a_name_of_which_the_model_tagged_only_the_surname_as_a_place_is_a_person(nlp):
    from receipts.extract.actors import AliasTable, _as_person_by_role

    text = "Ilario Vendrame, director of Pueblo Abierto, ridiculed the claim."
    doc = nlp(text)
    at = text.index("Vendrame")
    ent = doc.char_span(at, at + len("Vendrame"), label="GPE")
    doc.ents = [ent]  # as the small model tagged the real case: the surname alone, as a place
    fixed = _as_person_by_role(ent, AliasTable.load())
    assert (fixed.label_, fixed.text) == ("PERSON", "Ilario Vendrame")
    text = "Vendrame, director of Pueblo Abierto, ridiculed the claim."
    doc = nlp(text)
    ent = doc.char_span(0, len("Vendrame"), label="GPE")
    doc.ents = [ent]
    assert _as_person_by_role(ent, AliasTable.load()).label_ == "GPE"  # one word alone: not enough


@pytest.mark.issue(15)
def test_a_verb_of_saying_spliced_after_another_keeps_its_subject(nlp):
    """The small parser's reading of "Trump asserted that ..., called the affair ..." (the real case), built by
    hand: "asserted" hangs under "called", which has no subject of its own."""
    from spacy.tokens import Doc

    from receipts.extract.attribution import _spliced_subject
    from receipts.extract.speakers import SpeakerResolver

    words = ["Kessler", "asserted", "it", "failed", ",", "called", "the", "affair", "a", "scandal"]
    heads = [1, 5, 3, 1, 5, 5, 7, 5, 9, 5]
    deps = ["nsubj", "ccomp", "nsubj", "ccomp", "punct", "ROOT", "det", "dobj", "det", "oprd"]
    pos = ["PROPN", "VERB", "PRON", "VERB", "PUNCT", "VERB", "DET", "NOUN", "DET", "NOUN"]
    lemmas = ["Kessler", "assert", "it", "fail", ",", "call", "the", "affair", "a", "scandal"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    speaker = _spliced_subject(doc, SpeakerResolver(doc, []), doc[5])
    assert speaker is not None and speaker.name == "Kessler"
    assert _spliced_subject(doc, SpeakerResolver(doc, []), doc[3]) is None  # no verb of saying before it


@pytest.mark.issue(15)
def test_a_name_the_model_tags_as_a_person_is_a_body_when_a_business_is_set_beside_it(nlp):
    from receipts.extract.actors import AliasTable, _as_body_by_appositive

    text = "Halvern Brisk, the British maker of Glintex, warned customers on Friday."
    doc = nlp(text)
    ent = doc.char_span(0, len("Halvern Brisk"), label="PERSON")
    doc.ents = [ent]
    assert _as_body_by_appositive(ent, AliasTable.load()).label_ == "ORG"
    text = "Halvern Brisk, the British minister for trade, warned customers on Friday."
    doc = nlp(text)
    ent = doc.char_span(0, len("Halvern Brisk"), label="PERSON")
    doc.ents = [ent]
    assert _as_body_by_appositive(ent, AliasTable.load()).label_ == "PERSON"


@pytest.mark.issue(15)
def test_a_source_inside_the_quotation_marks_is_the_speakers_own_words(nlp):
    """The tagger's reading of the real case, built by hand: the source it found ("the ratings") lies inside
    the quotation marks of the words it was given."""
    from receipts.extract.coreference import quoted_source
    from receipts.extract.speakers import SpeakerResolver
    from receipts.types import Quote, Span, Speaker

    text = (
        '"He is the right person," Kowalczyk said. "And he reaches a lot of people during his briefings, as '
        'noted by the ratings."'
    )
    doc = nlp(text)

    def span(part: str) -> Span:
        at = text.index(part)
        return Span(at, at + len(part), part)

    first = Quote(
        span("He is the right person,"), Speaker("Dana Kowalczyk", "person", span("Kowalczyk")), span("said"), True
    )
    second = Quote(
        span("And he reaches a lot of people during his briefings"),
        Speaker("the ratings", "unknown", span("the ratings")),
        span("noted"),
        True,
    )
    fixed = quoted_source(doc, [first, second], SpeakerResolver(doc, []))
    assert [q.speaker.name if q.speaker else None for q in fixed] == ["Dana Kowalczyk", "Dana Kowalczyk"]
    alone = quoted_source(doc, [second], SpeakerResolver(doc, []))
    assert alone[0].speaker is None  # no attribution before it: no one
