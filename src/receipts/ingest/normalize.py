"""Text normalisation for duplicate detection and date parsing."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime, timezone

from dateutil import parser as dateparser

from receipts.errors import ParseError

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2014": "-", "\u2013": "-"})
_SPACE = re.compile(r"\s+")
MAX_DATE_CHARS = 100  # no date is longer; the date parser is not for megabytes of text
_YEAR_ZERO = re.compile(r"(?<![\d:+-])0000(?![\d:])")


def normalise_for_hash(text: str) -> str:
    """Return text folded so that cosmetic differences do not change its hash."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """Return the sha256 of the normalised text: the duplicate key of a document."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def parse_published(value: object, *, origin: str = "<input>") -> datetime | None:
    """Parse a publication date from a string, date or datetime.

    :param value: ``"2026-06-12"``, ``"12 June 2026"``, a date or a datetime.
    :param origin: Where the value came from, for the error message.
    :returns: A timezone-aware UTC datetime, or None when value is empty.
    :raises ParseError: When the value is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    else:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:77] + "..."
        if isinstance(value, (bool, list, dict)) or len(str(value)) > MAX_DATE_CHARS:
            raise ParseError(f"{origin}: publication date {shown} is not a date")
        if _YEAR_ZERO.search(str(value)):  # the date parser would read year 0000 as 2000
            raise ParseError(f"{origin}: publication date {shown} is in year 0, which has no dates")
        try:
            dt = dateparser.parse(str(value))
        except (ValueError, OverflowError, TypeError, RecursionError) as exc:
            raise ParseError(f"{origin}: publication date {shown} is not a date") from exc
    try:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=timezone.utc)
        return dt.astimezone(timezone.utc)
    except (ValueError, OverflowError) as exc:  # 0001-01-01T00:00:00+05:00 is before year 1 in UTC
        raise ParseError(
            f"{origin}: publication date {value!r} is out of the range of dates that can be "
            f"stored (years 1 to 9999, in UTC)"
        ) from exc
