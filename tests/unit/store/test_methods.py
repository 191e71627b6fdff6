"""Method names stored as codes: the round trip, extensions, unknown names, and the append-only list."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from receipts.store.methods import METHOD_CODES, decode_method, encode_method


def test_known_name_is_stored_as_its_code():
    assert encode_method("sentences.spacy.v1") == "@0"
    assert encode_method("quotes.tagger.attribution-minilm+rules.v1") == "@2"
    assert decode_method("@2") == "quotes.tagger.attribution-minilm+rules.v1"


def test_extension_of_a_known_name_keeps_its_rule():
    stored = encode_method("claims.checkworthy.minilm.v1+quoted_denial")
    assert stored == "@4+quoted_denial"
    assert decode_method(stored) == "claims.checkworthy.minilm.v1+quoted_denial"
    # the longest known name wins: the tagger's name already holds a "+"
    assert encode_method("quotes.tagger.attribution-minilm+rules.v1+parsed_content") == "@2+parsed_content"


def test_unknown_names_are_stored_as_written():
    for name in ("claims.checkworthy.my-model.v1", "sentences.spacy.v1x", "quotes.rules.v2+x"):
        assert encode_method(name) == name
        assert decode_method(name) == name


def test_a_name_may_not_look_like_a_code():
    with pytest.raises(ValueError, match="may not start with '@'"):
        encode_method("@0")


def test_a_stored_value_that_is_no_code_reads_as_it_is():
    assert decode_method("@x") == "@x"
    assert decode_method(f"@{len(METHOD_CODES)}") == f"@{len(METHOD_CODES)}"


@given(st.text(min_size=1).filter(lambda s: not s.startswith("@")))
def test_round_trip_of_any_name(name):
    assert decode_method(encode_method(name)) == name


def test_the_codes_written_so_far_never_change():
    # Stores already hold these codes: the first eleven names are frozen (append new ones at the end).
    assert METHOD_CODES[:11] == (
        "sentences.spacy.v1",
        "actors.rules.v1",
        "quotes.tagger.attribution-minilm+rules.v1",
        "quotes.rules.v1",
        "claims.checkworthy.minilm.v1",
        "claims.heuristic.v1",
        "numbers.rules.v1",
        "dates.rules.v1",
        "events.rules.v1",
        "commitments.rules.v3",
        "quotes.tagger.v1",
    )
    assert len(set(METHOD_CODES)) == len(METHOD_CODES)
