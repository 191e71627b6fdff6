from __future__ import annotations

import pytest

from receipts.errors import ConfigError
from receipts.extract.actors import AliasTable, extract_mentions


@pytest.fixture(scope="module")
def table():
    return AliasTable.load()


@pytest.mark.parametrize(
    "alias", ["Pyongyang", "DPRK", "North Korea", "the DPRK", "Democratic People's Republic of Korea"]
)
def test_alias_table_maps_capital_and_official_names(table, alias):
    assert table.lookup(alias) == ("North Korea", "country")


def test_alias_table_knows_demonyms(table):
    assert table.demonym("North Korean") == "North Korea"


def test_alias_table_merges_extra_file(tmp_path):
    extra = tmp_path / "a.yaml"
    extra.write_text("actors:\n  - name: Ostravia\n    kind: country\n    aliases: [Velmar]\n")
    assert AliasTable.load(extra).lookup("Velmar") == ("Ostravia", "country")


def test_alias_table_bad_file_is_config_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("just: a string\n")
    with pytest.raises(ConfigError, match="actors"):
        AliasTable.load(bad)


def test_extract_mentions_resolves_surname_and_title(parse, table):
    doc = parse(
        "President Donald Trump met reporters. Trump said the talks went well. Later the president left for Seoul."
    )
    mentions, actors = extract_mentions(doc, table)
    by_text = {m.span.text: m for m in mentions}
    assert by_text["Trump"].canonical == "Donald Trump"
    assert any(m.canonical == "Donald Trump" and m.via == "title" for m in mentions)
    assert by_text["Seoul"].canonical == "South Korea"
    names = {a.name: a for a in actors}
    assert "Trump" in names["Donald Trump"].aliases


def test_extract_mentions_capital_resolves_to_country(parse, table):
    doc = parse("Pyongyang rejected the offer, and the DPRK later confirmed it.")
    mentions, _ = extract_mentions(doc, table)
    assert {m.canonical for m in mentions} == {"North Korea"}


@pytest.mark.issue(15)
@pytest.mark.parametrize("alias", ["KCNA", "Korean Central News Agency", "the Korean Central News Agency"])
def test_actor_table_knows_state_news_agencies(table, alias):
    assert table.lookup(alias) == ("Korean Central News Agency", "organisation")


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    "alias,expected",
    [
        ("the DPRK", "North Korea"),
        ("Pyongyang", "North Korea"),
        ("Donald J. Trump", "Donald Trump"),
        ("EPA", "Environmental Protection Agency"),
    ],
)
def test_actor_table_knows_real_actors(table, alias, expected):
    assert table.lookup(alias)[0] == expected


@pytest.mark.issue(15)
def test_actor_table_never_merges_a_bare_surname(table):
    assert table.lookup("Trump") is None and table.lookup("Johnson") is None
    assert table.is_known_surname("Trump") and table.is_known_surname("Kim")


@pytest.mark.issue(15)
def test_actor_table_extra_file_adds_people_with_their_surname(tmp_path):
    extra = tmp_path / "people.yaml"
    extra.write_text(
        "actors:\n  - {name: Lena Orsk, kind: person, aliases: [Lena M. Orsk]}\n"
        "  - {name: Pak Ho Sun, kind: person, surname: Pak}\n"
    )
    table = AliasTable.load(extra)
    assert table.lookup("Lena M. Orsk") == ("Lena Orsk", "person")
    assert table.is_known_surname("Orsk") and table.is_known_surname("Pak")


@pytest.mark.issue(15)
def test_known_surname_tagged_as_organisation_is_a_person(table):
    import spacy
    from spacy.tokens import Span as SpacySpan

    doc = spacy.blank("en")("Trump spoke first.")
    doc.ents = [SpacySpan(doc, 0, 1, label="ORG")]
    mentions, _ = extract_mentions(doc, table)
    assert [(m.canonical, m.kind) for m in mentions] == [("Trump", "person")]


@pytest.mark.issue(15)
def test_unknown_lone_surname_stays_as_written(table):
    import spacy
    from spacy.tokens import Span as SpacySpan

    doc = spacy.blank("en")("Brandt spoke first.")
    doc.ents = [SpacySpan(doc, 0, 1, label="PERSON")]
    mentions, _ = extract_mentions(doc, table)
    assert [(m.canonical, m.kind) for m in mentions] == [("Brandt", "person")]


@pytest.mark.issue(15)
@pytest.mark.parametrize(
    ("written", "known"),
    [("Paul D. Ryan", "Paul Ryan"), ("Vladimir V. Putin", "Vladimir Putin"), ("John F. Kerry", "John Kerry")],
)
def test_middle_initial_names_the_person_the_table_knows(table, written, known):
    assert table.lookup(written) == (known, "person")


@pytest.mark.issue(15)
def test_middle_initial_never_merges_two_people_whose_initials_tell_them_apart(tmp_path):
    extra = tmp_path / "a.yaml"
    extra.write_text("actors:\n  - {name: Tomas R. Ferro, kind: person, aliases: [Tomas Ferro]}\n")
    assert AliasTable.load(extra).lookup("Tomas B.K. Ferro") is None
    assert AliasTable.load(extra).lookup("Tomas R. Ferro") == ("Tomas R. Ferro", "person")


@pytest.mark.issue(15)
def test_name_start_drops_a_word_the_tagger_took_into_a_name(parse, table):
    doc = parse(
        "Top Clinton adviser sent messages to her private account.\n\nHillary Clinton said nothing. "
        "Clinton later denied it."
    )
    mentions, actors = extract_mentions(doc, table)
    assert "Top Clinton" not in {a.name for a in actors}
    assert {m.canonical for m in mentions if m.span.text == "Clinton"} == {"Hillary Clinton"}


@pytest.mark.issue(15)
def test_heading_name_is_the_person_the_text_names(parse, table):
    doc = parse(
        "Derelict Obama and Clinton Get It Wrong Again\n\nBarack Obama spoke on Monday. Obama said he was tired."
    )
    mentions, actors = extract_mentions(doc, table)
    assert "Derelict Obama" not in {a.name for a in actors}
    assert {m.canonical for m in mentions if "Obama" in m.span.text} == {"Barack Obama"}


@pytest.mark.issue(15)
def test_office_surname_is_the_office_holder_not_a_relative(parse, table):
    doc = parse("First lady Michelle Obama spoke in Ohio. President Obama was in Washington.")
    mentions, _ = extract_mentions(doc, table)
    assert [m.canonical for m in mentions if m.span.text == "Obama"] == ["Barack Obama"]


@pytest.mark.issue(15)
def test_office_surname_keeps_a_person_introduced_with_a_title(parse, table):
    doc = parse("Former New Mexico Gov. Gary Johnson is running. Gov. Johnson said he would win.")
    mentions, _ = extract_mentions(doc, table)
    assert [m.canonical for m in mentions if m.span.text == "Johnson"] == ["Gary Johnson"]


@pytest.mark.issue(15)
def test_shared_surname_is_the_public_person_beside_a_relative(parse, table):
    doc = parse("Eric Trump spoke first, and then Donald Trump took the stage. Trump thanked the crowd.")
    mentions, _ = extract_mentions(doc, table)
    assert [m.canonical for m in mentions if m.span.text == "Trump"] == ["Donald Trump"]


@pytest.mark.issue(15)
def test_name_start_keeps_a_given_name_the_tagger_misreads(parse, table):
    doc = parse('"It is a costly model," said Will Doyle, a professor at Vanderbilt University.')
    mentions, _ = extract_mentions(doc, table)
    assert "Will Doyle" in {m.canonical for m in mentions}


@pytest.mark.issue(15)
def test_generational_suffix_a_lone_surname_is_the_person_named_with_jr_or_iii(parse, table):
    doc = parse("John J. Ray III took charge of the company on Friday. Ray said the controls had failed.")
    mentions, _ = extract_mentions(doc, table)
    assert [m.canonical for m in mentions if m.span.text == "Ray"] == ["John J. Ray III"]


@pytest.mark.issue(15)
def test_generational_suffix_leaves_a_surname_the_table_knows_with_its_person(parse, table):
    # "Trump" alone is the candidate the table knows, not his son named with "Jr."
    doc = parse("Donald Trump Jr. spoke at the convention. Trump later thanked the delegates.")
    mentions, _ = extract_mentions(doc, table)
    assert "Donald Trump Jr." not in [m.canonical for m in mentions if m.span.text == "Trump"]


@pytest.mark.issue(15)
def test_initialism_is_the_organisation_the_text_named_in_full(parse, table):
    doc = parse(
        "The Commodity Futures Trading Commission accused the exchange of fraud on Tuesday. "
        "According to the CFTC complaint, customer funds were moved. The CFTC said the losses were large."
    )
    mentions, _ = extract_mentions(doc, table)
    assert {m.canonical for m in mentions if m.span.text == "CFTC"} == {"Commodity Futures Trading Commission"}


@pytest.mark.issue(15)
def test_initialism_of_two_organisations_names_neither(parse, table):
    doc = parse(
        "The National Rifle Association and the Nevada Racing Authority both objected. "
        "The NRA said the rule was unfair."
    )
    mentions, _ = extract_mentions(doc, table)
    assert not {m.canonical for m in mentions if m.span.text == "NRA"} & {
        "National Rifle Association",
        "Nevada Racing Authority",
    }
