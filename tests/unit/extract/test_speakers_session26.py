"""Entity labels the small model gets wrong about people: a "who" clause and a place's head noun."""

from __future__ import annotations

from spacy.tokens import Span

from receipts.extract.actors import AliasTable, _as_person_by_role, _as_place_by_head


def _ent(nlp, text: str, name: str, label: str) -> Span:
    doc = nlp(text)
    at = text.index(name)
    return doc.char_span(at, at + len(name), label=label)


def test_a_body_described_by_who_is_a_person(nlp):
    aliases = AliasTable.load()
    ent = _ent(nlp, "Before the ruling, Ferrano, who has said his trial was unfair, sought a delay.", "Ferrano", "ORG")
    assert _as_person_by_role(ent, aliases).label_ == "PERSON"
    ent = _ent(
        nlp, "Before the ruling, Ferrano, which has said the trial was unfair, sought a delay.", "Ferrano", "ORG"
    )
    assert _as_person_by_role(ent, aliases).label_ == "ORG"


def test_a_person_named_by_a_place_noun_is_a_place(nlp):
    ent = _ent(nlp, "He was then taken to Brannock Prison, near the coast.", "Brannock Prison", "PERSON")
    assert _as_place_by_head(ent).label_ == "FAC"
    ent = _ent(nlp, "He was then seen by Tomas Brannock, near the coast.", "Tomas Brannock", "PERSON")
    assert _as_place_by_head(ent).label_ == "PERSON"


def test_he_after_a_prison_is_the_man_described_by_who(parse):
    doc = parse(
        "Aides to Ferrano said he was taken to Brannock Prison after the hearing. Before the ruling, Ferrano, "
        "who has said his trial was unfair, sought a delay. "
        '"It is the worst feeling to see the court set against me," he told the judges.'
    )
    quote = next(q for q in doc._.quotes if "worst feeling" in q.content.text)
    assert quote.speaker is not None and quote.speaker.name == "Ferrano"


def test_a_role_right_before_a_name_tagged_as_a_body_makes_it_a_person(nlp):
    aliases = AliasTable.load()
    text = "Ministry spokesman Major-General Ivan Dolgorov said the ministry had studied the findings."
    ent = _ent(nlp, text, "Major-General Ivan Dolgorov", "ORG")
    assert _as_person_by_role(ent, aliases).label_ == "PERSON"
    ent = _ent(nlp, "The ministry and Dolgorov Holdings said the findings were studied.", "Dolgorov Holdings", "ORG")
    assert _as_person_by_role(ent, aliases).label_ == "ORG"


def test_a_surname_the_tagger_reads_as_a_common_noun_is_still_the_person(parse):
    doc = parse(
        "Former Governor Carl Brandt repeated the rumour on Tuesday. The moderator, Ellen Ruiz, told viewers "
        'that officials had found no evidence. "We checked with the city manager," Ruiz said. Brandt pushed '
        'back. "I saw people on television talking about it," he insisted.'
    )
    quote = next(q for q in doc._.quotes if "television" in q.content.text)
    assert quote.speaker is not None and quote.speaker.name == "Carl Brandt"


def test_the_network_is_the_broadcaster_last_in_focus(parse):
    doc = parse(
        "Harbour Freight sued Channel Nine Media for $2 million. Channel Nine Media issued a statement of its "
        'own. "We acknowledge the court\'s rulings," the network said.'
    )
    quote = next(q for q in doc._.quotes if "acknowledge" in q.content.text)
    assert quote.speaker is not None and quote.speaker.name == "Channel Nine Media"


def test_a_surname_read_as_a_noun_inside_a_quotation_is_left_alone(parse):
    doc = parse(
        "Mayor Ellen Ruiz accused Carl Brandt of exploiting the storm. "
        '"Brandt is plain wrong, and he knows it," Ruiz said in a statement. "No one in the city cheered."'
    )
    quote = next(q for q in doc._.quotes if "No one" in q.content.text)
    assert quote.speaker is None or quote.speaker.name != "Carl Brandt"


def test_a_hyphenated_description_is_the_speaker_never_its_hyphen(parse):
    doc = parse(
        'Bill Gates on Wednesday rejected the theories. "No, there is no connection between these vaccines and '
        'any tracking," the Microsoft co-founder said.'
    )
    names = [q.speaker.name for q in doc._.quotes if q.speaker is not None and "connection" in q.content.text]
    assert names and names[0] not in ("-", "co", "founder", "-founder")
    assert "co-founder" in names[0]
