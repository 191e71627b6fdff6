from __future__ import annotations

from datetime import date

import pytest

from receipts.extract.dates import extract_times, resolve_time

PUB = date(2026, 7, 3)  # a Friday


@pytest.mark.parametrize(
    "text,future,expected",
    [
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
    ],
)
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


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    "text,expected",
    [
        ("the end of the year", date(2026, 12, 31)),
        ("the end of this month", date(2026, 7, 31)),
        ("the end of next year", date(2027, 12, 31)),
        ("end of the week", date(2026, 7, 5)),
    ],
)
def test_resolve_time_end_of_a_period_is_its_last_day(text, expected):
    assert resolve_time(text, PUB)[:2] == (expected, expected)


@pytest.mark.issue(17)
def test_extract_times_by_a_past_month_day_means_next_year(parse):
    doc = parse("The minister said the council would publish the plan by June 30.", date(2026, 11, 23))
    assert [t.value for t in doc._.times] == [date(2027, 6, 30)]


@pytest.mark.issue(17)
def test_extract_times_by_a_date_in_a_past_clause_stays_in_the_past(parse):
    doc = parse("Officials said 200 soldiers had been returned by June 12.", date(2026, 11, 23))
    assert [t.value for t in doc._.times] == [date(2026, 6, 12)]


@pytest.mark.issue(17)
def test_commitment_by_the_end_of_the_year_gets_december_31(parse):
    doc = parse("The mayor promised to finish the bridge by the end of the year.", date(2026, 11, 23))
    [promise] = doc._.commitments
    assert promise.deadline is not None and promise.deadline.value == date(2026, 12, 31)


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    "text,pub,expected",
    [
        ("weeks after", PUB, (date(2026, 6, 26), PUB)),  # 2-8 weeks after June 12, by publication
        ("six weeks after", date(2026, 7, 22), (date(2026, 7, 22), date(2026, 7, 22))),  # capped at publication
        ("two days after", PUB, (date(2026, 6, 14), date(2026, 6, 14))),
        ("days later", None, (date(2026, 6, 14), date(2026, 6, 20))),  # 2-8 days; no publication to cap it
    ],
)
def test_resolve_time_after_a_known_day_counts_from_it(text, pub, expected):
    start, end, gran, relative = resolve_time(text, pub, anchor=date(2026, 6, 12))
    assert (start, end) == expected and gran == "relative" and relative
    assert start >= date(2026, 6, 12)


@pytest.mark.issue(17)
def test_resolve_time_weeks_after_without_the_anchor_keeps_the_interval_before_publication():
    start, end, *_ = resolve_time("weeks after", PUB, anchor=None)
    assert end == PUB and start == date(2026, 5, 8)


@pytest.mark.issue(17)
@pytest.mark.parametrize(
    "text",
    [
        "The meeting had been scheduled weeks after the June 12 summit.",
        "The meeting had been scheduled weeks after the summit on June 12.",
    ],
)
def test_extract_times_weeks_after_a_dated_summit_is_not_before_it(parse, text):
    doc = parse(text, PUB)
    [after] = [t for t in doc._.times if "after" in t.span.text]
    assert after.value >= date(2026, 6, 12) and after.end == PUB
