from __future__ import annotations

from datetime import date

import pytest

from receipts.extract.dates import extract_times, resolve_time

PUB = date(2026, 7, 3)  # a Friday


@pytest.mark.parametrize("text,future,expected", [
    ("Thursday", False, (date(2026, 7, 2), date(2026, 7, 2))),
    ("on June 12", False, (date(2026, 6, 12), date(2026, 6, 12))),
    ("dated July 6", False, (date(2026, 7, 6), date(2026, 7, 6))),
    ("hours earlier", False, (PUB, PUB)),
    ("June 12, 2025", False, (date(2025, 6, 12), date(2025, 6, 12))),
    ("yesterday", False, (date(2026, 7, 2), date(2026, 7, 2))),
    ("next week", False, (date(2026, 7, 6), date(2026, 7, 12))),
    ("in September", True, (date(2026, 9, 1), date(2026, 9, 30))),
    ("early July", True, (date(2026, 7, 1), date(2026, 7, 10))),
    ("within 60 days", True, (PUB, date(2026, 9, 1))),
    ("three weeks ago", False, (date(2026, 6, 12), date(2026, 6, 12))),
])
def test_resolve_time_against_publication_date(text, future, expected):
    start, end, _, _ = resolve_time(text, PUB, future=future)
    assert (start, end) == expected


def test_resolve_time_weekday_in_future_clause_moves_forward():
    start, *_ = resolve_time("Thursday", PUB, future=True)
    assert start == date(2026, 7, 9)


def test_resolve_time_weeks_after_is_an_interval_ending_at_publication():
    start, end, gran, relative = resolve_time("weeks after", PUB)
    assert relative and gran == "relative" and end == PUB and start < PUB


def test_resolve_time_without_publication_date_keeps_absolute_dates():
    assert resolve_time("June 12, 2025", None)[0] == date(2025, 6, 12)
    assert resolve_time("Thursday", None)[0] is None


def test_extract_times_finds_entities_and_relative_phrases(parse):
    doc = parse("The meeting on Thursday had been planned weeks after the summit, which ended on June 12.")
    texts = {t.span.text: t for t in extract_times(doc, PUB)}
    assert texts["Thursday"].value == date(2026, 7, 2)
    assert any("weeks after" in k for k in texts)
    assert texts["June 12"].value == date(2026, 6, 12)
