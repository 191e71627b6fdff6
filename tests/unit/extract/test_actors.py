from __future__ import annotations

import pytest

from receipts.errors import ConfigError
from receipts.extract.actors import AliasTable, extract_mentions


@pytest.fixture(scope="module")
def table():
    return AliasTable.load()


@pytest.mark.parametrize("alias", ["Pyongyang", "DPRK", "North Korea", "the DPRK", "Democratic People's Republic of Korea"])
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
    doc = parse("President Donald Trump met reporters. Trump said the talks went well. "
                "Later the president left for Seoul.")
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
