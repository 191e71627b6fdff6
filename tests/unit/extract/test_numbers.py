from __future__ import annotations

import pytest

from receipts.extract.numbers import extract_quantities, parse_number


@pytest.mark.parametrize(
    "words,value",
    [
        (["12,000"], 12000),
        (["two", "hundred"], 200),
        (["1.5", "million"], 1_500_000),
        (["forty-two"], 42),
        (["three", "thousand", "and", "five"], 3005),
    ],
)
def test_parse_number_reads_digits_and_words(words, value):
    assert parse_number(words) == value


def test_parse_number_rejects_non_numbers():
    assert parse_number(["several"]) is None


def _q(parse, text):
    return extract_quantities(parse(text))


def test_extract_quantities_head_noun(parse):
    (q,) = _q(parse, "The agency sent 100 transport cases to the border.")
    assert (q.value, q.unit, q.unit_inferred) == (100, "transport cases", False)


def test_extract_quantities_thousands_separator(parse):
    (q,) = _q(parse, "The city installed 6,000 cameras last year.")
    assert (q.value, q.unit) == (6000, "cameras")


def test_extract_quantities_number_words(parse):
    (q,) = _q(parse, "Two hundred soldiers are still missing.")
    assert (q.value, q.unit) == (200, "soldiers")


def test_extract_quantities_approximation(parse):
    (q,) = _q(parse, "At least 200 families left the valley.")
    assert q.approx == "at least" and q.value == 200 and q.unit == "families"


def test_extract_quantities_elided_noun_recovered(parse):
    text = (
        '"We promised to bring the remains of our soldiers home," she said, '
        '"and today already 200 have been sent back."'
    )
    (q,) = _q(parse, text)
    assert q.value == 200 and q.unit_inferred and q.unit.startswith("remains")


def test_extract_quantities_percent_money_range(parse):
    qs = _q(parse, "Prices rose roughly 40 percent, costing $3.5 million, and between 100 and 200 workers left.")
    kinds = {q.kind: q for q in qs}
    assert kinds["percent"].value == 40 and kinds["percent"].approx == "about"
    assert kinds["money"].value == 3_500_000 and kinds["money"].unit == "USD"
    ranged = [q for q in qs if q.upper is not None]
    assert ranged and ranged[0].value == 100 and ranged[0].upper == 200 and ranged[0].unit == "workers"


def test_extract_quantities_skips_dates_and_years(parse):
    assert _q(parse, "He has been missing since 2019 and returned on June 18.") == []


def test_extract_quantities_offsets_match_text(parse):
    text = "Officials counted about 12,000 supporters and 40 buses."
    for q in _q(parse, text):
        assert text[q.span.start : q.span.end] == q.span.text
