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
